package org.civicledger.ops.verify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.civicledger.projections.integrity.StoredEvent;

/**
 * The export archive's layout and binary framing (docs/integrity.md "Export archive"). A zip of:
 * {@code manifest.json}, {@code events.bin}, {@code leaves.bin}, {@code checkpoints/<size>.note},
 * {@code late-events.txt}, {@code verifier-key.txt}, {@code README.txt}.
 *
 * <p>Framing of the two binary entries: a header line, then records each starting with the byte 0x01, then the byte
 * 0x00. A field is {@code uint32be(length) || bytes}, or {@code FF FF FF FF} for SQL NULL (as in the canonical form),
 * strings are UTF-8, numbers are {@code int64be}.
 * <pre>
 * events.bin: "civic-ledger export events v1\n", then per event:
 *   01 int64(globalindex) field(type) field(aggregateidentifier) int64(sequencenumber) field(eventidentifier)
 *      field(timestamp) field(payloadtype) field(payloadrevision) field(payload) field(metadata)
 *      field(event_chain.aggregate_identifier) field(int64 event_chain.sequence_number) field(event_chain.event_hash)
 * leaves.bin: "civic-ledger export leaves v1\n", then per leaf:
 *   01 int64(leaf_index) int64(global_index) field(leaf_hash)
 *      field(event_chain.aggregate_identifier) field(int64 event_chain.sequence_number)
 * </pre>
 */
final class Archive {

    static final String FORMAT = "civic-ledger export v1";
    static final String MANIFEST = "manifest.json";
    static final String EVENTS = "events.bin";
    static final String LEAVES = "leaves.bin";
    static final String CHECKPOINTS = "checkpoints/";
    static final String LATE_EVENTS = "late-events.txt";
    static final String VERIFIER_KEY = "verifier-key.txt";
    static final String README = "README.txt";
    static final byte[] EVENTS_HEADER = "civic-ledger export events v1\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] LEAVES_HEADER = "civic-ledger export leaves v1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int NULL = 0xFFFFFFFF;
    /** Refuses absurd lengths from a damaged file instead of allocating them (the event table's columns are far smaller). */
    private static final int FIELD_LENGTH_MAX = 256 * 1024 * 1024;

    private Archive() {
    }

    static void writeEvent(DataOutputStream out, LogSource.EventRow row) throws IOException {
        StoredEvent event = row.event();
        out.writeByte(1);
        out.writeLong(event.globalIndex());
        field(out, event.type());
        field(out, event.aggregateIdentifier());
        out.writeLong(event.sequenceNumber());
        field(out, event.eventIdentifier());
        field(out, event.timestamp());
        field(out, event.payloadType());
        field(out, event.payloadRevision());
        field(out, event.payload());
        field(out, event.metadata());
        field(out, row.chainAggregate());
        longField(out, row.chainSequence());
        field(out, row.chainHash());
    }

    /** The next event, or null after the end record. */
    static LogSource.EventRow readEvent(DataInputStream in) throws IOException {
        if (!record(in)) {
            return null;
        }
        StoredEvent event = new StoredEvent(in.readLong(), string(in), string(in), in.readLong(), string(in), string(in),
                string(in), string(in), bytes(in), bytes(in));
        return new LogSource.EventRow(event, string(in), longField(in), bytes(in));
    }

    static void writeLeaf(DataOutputStream out, LogSource.LeafRow row) throws IOException {
        out.writeByte(1);
        out.writeLong(row.leafIndex());
        out.writeLong(row.globalIndex());
        field(out, row.leafHash());
        field(out, row.chainAggregate());
        longField(out, row.chainSequence());
    }

    static LogSource.LeafRow readLeaf(DataInputStream in) throws IOException {
        if (!record(in)) {
            return null;
        }
        return new LogSource.LeafRow(in.readLong(), in.readLong(), bytes(in), string(in), longField(in));
    }

    /** {@link #recordEnd}: the record is not whole in the bytes given. */
    static final int NEED_MORE = -1;
    /** {@link #recordEnd}: the end record (0x00). */
    static final int END_RECORD = -2;

    /** The fields of an {@code events.bin} record after its marker: L int64, F field, N number field (see the class comment). */
    static final String EVENT_LAYOUT = "LFFLFFFFFFFNF";
    /** The same for {@code leaves.bin}. */
    static final String LEAF_LAYOUT = "LLFFN";

    /**
     * Where the record at {@code at} of the given layout ends, checking its framing as {@link #readEvent} and
     * {@link #readLeaf} do, in the same order, with the same errors: {@link #END_RECORD} at the end record,
     * {@link #NEED_MORE} when {@code data[at .. limit)} holds only part of it.
     */
    static int recordEnd(byte[] data, int at, int limit, String layout) throws IOException {
        if (at >= limit) {
            return NEED_MORE;
        }
        int marker = data[at] & 0xFF;
        if (marker == 0) {
            return END_RECORD;
        }
        if (marker != 1) {
            throw new IOException("bad record marker " + marker);
        }
        long position = at + 1;
        for (int i = 0; i < layout.length(); i++) {
            char kind = layout.charAt(i);
            if (kind == 'L') {
                position += 8;
                continue;
            }
            if (position + 4 > limit) {
                return NEED_MORE;
            }
            int length = lengthAt(data, (int) position);
            position += 4;
            if (length == NULL) {
                continue;
            }
            if (kind == 'N') {
                if (length != 8) {
                    throw new IOException("a number field has 8 bytes, not " + length);
                }
            } else if (length < 0 || length > FIELD_LENGTH_MAX) {
                throw new IOException("field length " + Integer.toUnsignedString(length) + " out of range");
            }
            position += length;
        }
        return position <= limit ? (int) position : NEED_MORE;
    }

    /** A leaf record whose framing {@link #recordEnd} checked, read from where it lies. */
    static LogSource.LeafRow leafAt(byte[] data, int at) {
        int hashAt = at + 17;
        int chainAggregateAt = skip(data, hashAt);
        int chainSequenceAt = skip(data, chainAggregateAt);
        int hashLength = lengthAt(data, hashAt);
        return new LogSource.LeafRow(longAt(data, at + 1), longAt(data, at + 9),
                hashLength == NULL ? null : java.util.Arrays.copyOfRange(data, hashAt + 4, hashAt + 4 + hashLength),
                textAt(data, chainAggregateAt), lengthAt(data, chainSequenceAt) == NULL ? null : longAt(data, chainSequenceAt + 4));
    }

    /** The length of the field at {@code at}, -1 for NULL. */
    static int lengthAt(byte[] data, int at) {
        return (data[at] & 0xFF) << 24 | (data[at + 1] & 0xFF) << 16 | (data[at + 2] & 0xFF) << 8 | data[at + 3] & 0xFF;
    }

    /** Where the field after the one at {@code at} starts. */
    static int skip(byte[] data, int at) {
        int length = lengthAt(data, at);
        return at + 4 + (length == NULL ? 0 : length);
    }

    static String textAt(byte[] data, int at) {
        int length = lengthAt(data, at);
        return length == NULL ? null : new String(data, at + 4, length, StandardCharsets.UTF_8);
    }

    static long longAt(byte[] data, int at) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | data[at + i] & 0xFF;
        }
        return value;
    }

    static void header(DataInputStream in, byte[] expected) throws IOException {
        byte[] actual = new byte[expected.length];
        in.readFully(actual);
        if (!java.util.Arrays.equals(actual, expected)) {
            throw new IOException("not a " + new String(expected, StandardCharsets.US_ASCII).trim() + " entry");
        }
    }

    private static boolean record(DataInputStream in) throws IOException {
        int marker = in.read();
        if (marker == 0) {
            return false;
        }
        if (marker != 1) {
            throw marker < 0 ? new EOFException("entry ends without its end record") : new IOException("bad record marker " + marker);
        }
        return true;
    }

    private static void field(DataOutputStream out, String value) throws IOException {
        field(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(NULL);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }

    private static void longField(DataOutputStream out, Long value) throws IOException {
        if (value == null) {
            out.writeInt(NULL);
            return;
        }
        out.writeInt(8);
        out.writeLong(value);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == NULL) {
            return null;
        }
        if (length < 0 || length > FIELD_LENGTH_MAX) {
            throw new IOException("field length " + Integer.toUnsignedString(length) + " out of range");
        }
        byte[] value = new byte[length];
        in.readFully(value);
        return value;
    }

    private static String string(DataInputStream in) throws IOException {
        byte[] value = bytes(in);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static Long longField(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == NULL) {
            return null;
        }
        if (length != 8) {
            throw new IOException("a number field has 8 bytes, not " + length);
        }
        return in.readLong();
    }
}
