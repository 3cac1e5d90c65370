package org.civicledger.ops.verify;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream ahead in a second thread and hashes it there (SHA-256 for the archive manifest), so the thread that
 * parses and verifies the events does not also pay for reading and for the manifest digest. Bounded: at most
 * {@link #CHUNKS_AHEAD} chunks of {@link #CHUNK_BYTES} are held.
 */
final class DigestingReadAhead extends InputStream {

    private static final int CHUNK_BYTES = 1 << 18;
    private static final int CHUNKS_AHEAD = 8;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final MessageDigest sha256 = ArchiveWriter.sha256();
    private final Thread reader;
    private volatile IOException failure;
    private volatile String hex;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    DigestingReadAhead(InputStream source, String name) {
        reader = new Thread(() -> {
            try (source) {
                while (true) {
                    byte[] chunk = source.readNBytes(CHUNK_BYTES);
                    if (chunk.length == 0) {
                        break;
                    }
                    sha256.update(chunk);
                    chunks.put(chunk);
                }
                hex = HexFormat.of().formatHex(sha256.digest());
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                chunks.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "read-ahead " + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** The SHA-256 of everything read; valid once the stream reached its end. */
    String hexDigest() throws IOException {
        while (!ended) {
            if (read() < 0) {
                break;
            }
        }
        return hex;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current[position++] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, target, offset, count);
        position += count;
        return count;
    }

    private boolean fill() throws IOException {
        while (position >= current.length) {
            if (ended) {
                return false;
            }
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading ahead", e);
            }
            position = 0;
            if (current == END) {
                ended = true;
                if (failure != null) {
                    throw failure;
                }
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        reader.interrupt();
        Arrays.fill(current, (byte) 0);
    }
}
