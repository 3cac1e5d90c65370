package org.civicledger.ops.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.civicledger.command.documents.Signatures;
import org.civicledger.events.common.Actor;
import org.civicledger.events.documents.DocumentCommands;
import org.civicledger.events.documents.DocumentCommands.RegisterDocument;
import org.civicledger.events.documents.DocumentCommands.RegisterSigningKey;
import org.civicledger.events.documents.DocumentCommands.SignDocument;
import org.civicledger.events.documents.DocumentKind;
import org.civicledger.events.documents.Party;
import org.civicledger.events.documents.PartyRole;
import org.civicledger.events.documents.SignOffStep;

/**
 * Signature acceptance throughput: {@code clients} threads each submit the next document's signature
 * ({@code SignDocument}) through the command bus, so each one takes the aggregate's whole accept path: load the
 * document from its events, look the signer's key up on their keyring (loaded from its events), verify the signature
 * with the JDK over the document's SHA-256, and append {@code DocumentSigned} and {@code DocumentExecuted} in one
 * transaction. The baseline, in the same run: a raw JDK {@code Signature.verify} loop over the same keys, hashes
 * and signatures, from the same number of threads. Keys (half Ed25519, half ECDSA P-256), documents and their
 * one-step chains are made first and not measured.
 */
public final class SignatureBench {

    static final String AGENCY = "BENCH-SIG";
    static final int SIGNERS = 8;
    private static final Actor LOADER = Actor.system("bench");
    private static final long WAIT_MINUTES = 30;

    public record Options(int clients, int signatures, int warmup) {
        public Options {
            if (clients < 1 || clients > 256) {
                throw new IllegalArgumentException("clients must be between 1 and 256");
            }
            if (signatures < 1 || signatures > 200_000 || warmup < 0 || warmup > 100_000) {
                throw new IllegalArgumentException("signatures must be 1 to 200,000 and warmup 0 to 100,000");
            }
        }
    }

    /** One measured phase: operations, their rate and latency percentiles in microseconds. */
    public record Phase(String name, int operations, double perSecond, long p50Micros, long p99Micros, long maxMicros) {
    }

    public record Result(Phase ledger, Phase raw, int ed25519, int p256, double setupSeconds) {
    }

    /** One signature to submit: the document, its signer, the key and the bytes the raw loop verifies too. */
    private record Job(String documentId, Actor signer, String keyId, PublicKey publicKey, String jdkAlgorithm, byte[] hash, String signature) {
    }

    private final CommandGateway gateway;
    private final PrintStream out;

    public SignatureBench(CommandGateway gateway, PrintStream out) {
        this.gateway = gateway;
        this.out = out;
    }

    public Result run(Options options) throws Exception {
        long setupStarted = System.nanoTime();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<KeyPair> keys = new ArrayList<>();
        List<Actor> signers = new ArrayList<>();
        for (int i = 0; i < SIGNERS; i++) {
            KeyPair key = generate(i % 2 == 0 ? "Ed25519" : "EC");
            Actor signer = Actor.officer("bench-signer-" + run + "-" + i, AGENCY);
            Party party = new Party(signer.subject(), PartyRole.OFFICER, AGENCY);
            gateway.sendAndWait(new RegisterSigningKey(DocumentCommands.keyringOf(signer.subject()), party,
                    Base64.getEncoder().encodeToString(key.getPublic().getEncoded()), "bench-key-" + run + "-" + i, LOADER));
            keys.add(key);
            signers.add(signer);
        }
        int total = options.warmup() + options.signatures();
        out.printf("Preparing %d documents with one-step sign-off chains over %d keys...%n", total, SIGNERS);
        List<Job> jobs = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            int k = i % SIGNERS;
            byte[] content = ("Bench document " + run + " #" + i).getBytes(StandardCharsets.UTF_8);
            String documentId = "bench-doc-" + run + "-" + i;
            Actor signer = signers.get(k);
            gateway.sendAndWait(new RegisterDocument(documentId, content, DocumentKind.INTERNAL_FORM, "Bench form " + i, AGENCY, List.of(), null,
                    List.of(new SignOffStep(List.of(new Party(signer.subject(), PartyRole.OFFICER, AGENCY)))), documentId + "/register", LOADER));
            KeyPair key = keys.get(k);
            String jdk = key.getPublic().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "Ed25519";
            byte[] hash = Signatures.sha256(content);
            jobs.add(new Job(documentId, signer, Signatures.keyId(key.getPublic().getEncoded()), key.getPublic(), jdk, hash, sign(key, jdk, hash)));
        }
        double setupSeconds = (System.nanoTime() - setupStarted) / 1e9;
        List<Job> warm = jobs.subList(0, options.warmup());
        List<Job> measured = jobs.subList(options.warmup(), total);
        // Warm both paths alike (JIT, connection pool, caches), then measure the ledger first and the raw loop after.
        measure("warm-up ledger", warm, options.clients(), this::acceptByLedger);
        measure("warm-up raw", warm, options.clients(), SignatureBench::verifyRaw);
        Phase ledger = measure("ledger: SignDocument accepted (load, key lookup, verify, append)", measured, options.clients(),
                this::acceptByLedger);
        Phase raw = measure("raw JDK Signature.verify, same keys and hashes", measured, options.clients(), SignatureBench::verifyRaw);
        return new Result(ledger, raw, (SIGNERS + 1) / 2, SIGNERS / 2, setupSeconds);
    }

    private void acceptByLedger(Job job) {
        gateway.sendAndWait(new SignDocument(job.documentId(), job.keyId(), job.signature(), job.documentId() + "/sign", job.signer()));
    }

    private static void verifyRaw(Job job) {
        try {
            Signature verifier = Signature.getInstance(job.jdkAlgorithm());
            verifier.initVerify(job.publicKey());
            verifier.update(job.hash());
            if (!verifier.verify(Base64.getDecoder().decode(job.signature()))) {
                throw new IllegalStateException("a bench signature did not verify");
            }
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private interface Step {
        void run(Job job) throws Exception;
    }

    private static Phase measure(String name, List<Job> jobs, int clients, Step step) throws Exception {
        long[] latencies = new long[jobs.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < jobs.size(); i = next.getAndIncrement()) {
                        long begun = System.nanoTime();
                        step.run(jobs.get(i));
                        latencies[i] = (System.nanoTime() - begun) / 1_000;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(WAIT_MINUTES, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        int n = latencies.length;
        return n == 0 ? new Phase(name, 0, 0, 0, 0, 0)
                : new Phase(name, n, n / seconds, latencies[(int) (n * 0.50)], latencies[Math.min(n - 1, (int) (n * 0.99))], latencies[n - 1]);
    }

    private static KeyPair generate(String algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        }
        return generator.generateKeyPair();
    }

    private static String sign(KeyPair key, String jdkAlgorithm, byte[] hash) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(jdkAlgorithm);
        signer.initSign(key.getPrivate());
        signer.update(hash);
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    public static void print(Result result, Options options, PrintStream out) {
        out.println();
        out.printf("%d clients; %d measured signatures (%d warm-up); keys: %d Ed25519, %d ECDSA P-256; setup %.1f s%n", options.clients(),
                options.signatures(), options.warmup(), result.ed25519(), result.p256(), result.setupSeconds());
        out.printf("%-66s %9s %10s %10s %10s %10s%n", "phase", "ops", "ops/s", "p50 ms", "p99 ms", "max ms");
        for (Phase phase : List.of(result.ledger(), result.raw())) {
            out.printf("%-66s %9d %10.0f %10.2f %10.2f %10.2f%n", phase.name(), phase.operations(), phase.perSecond(), phase.p50Micros() / 1000.0,
                    phase.p99Micros() / 1000.0, phase.maxMicros() / 1000.0);
        }
        out.printf("ratio ledger/raw: %.3f%n", result.raw().perSecond() == 0 ? 0 : result.ledger().perSecond() / result.raw().perSecond());
    }
}
