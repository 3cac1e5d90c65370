package org.civicledger.query.integrity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.civicledger.projections.integrity.Checkpoint;
import org.civicledger.projections.integrity.CheckpointSigner;
import org.civicledger.projections.integrity.ConsistencyProof;
import org.civicledger.projections.integrity.InclusionProof;
import org.civicledger.projections.integrity.IntegrityLog;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Signed checkpoints of the event log and RFC 6962 proofs (docs/integrity.md, "API"). Reading is open to
 * anyone, signed in or not: the answers hold hashes, sizes and signatures only, never event content, and a
 * verifier must be able to fetch them without an account. Publishing on demand is the operator's.
 * Hashes are standard base64 with padding.
 */
@RestController
@RequestMapping("/api/v1/integrity")
public class IntegrityController {

    private final IntegrityLog integrity;

    public IntegrityController(IntegrityLog integrity) {
        this.integrity = integrity;
    }

    /** The latest checkpoint: JSON, or the bare signed note when the client asks for {@code text/plain}. */
    @GetMapping("/checkpoints/latest")
    public ResponseEntity<?> latest(@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return answer(integrity.latest().orElseThrow(() -> notFound("no checkpoint has been published yet")), accept);
    }

    /** The checkpoint of one tree size: JSON, or the bare signed note when the client asks for {@code text/plain}. */
    @GetMapping("/checkpoints/{size}")
    public ResponseEntity<?> bySize(@PathVariable long size,
                                    @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return answer(integrity.bySize(size).orElseThrow(() -> notFound("no checkpoint of size " + size)), accept);
    }

    private static ResponseEntity<?> answer(Checkpoint checkpoint, String accept) {
        boolean wantsNote = accept != null && accept.contains(MediaType.TEXT_PLAIN_VALUE)
                && !accept.contains(MediaType.APPLICATION_JSON_VALUE);
        if (wantsNote) {
            return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8)).body(checkpoint.note());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(checkpoint(checkpoint));
    }

    /** Publishes a checkpoint now if the tree grew; answers the latest checkpoint (404 while the log is empty). */
    @PostMapping("/checkpoints")
    public Map<String, Object> publish() {
        return checkpoint(integrity.publish().orElseThrow(() -> notFound("the log has no events to checkpoint yet")));
    }

    @GetMapping("/consistency")
    public Map<String, Object> consistency(@RequestParam long from, @RequestParam long to) {
        if (from < 0 || from > to) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "0 <= from <= to");
        }
        ConsistencyProof proof = integrity.consistency(from, to)
                .orElseThrow(() -> notFound("from and to must both be sizes of published checkpoints"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("from", from);
        answer.put("to", to);
        answer.put("fromRootHash", b64(proof.from().rootHash()));
        answer.put("toRootHash", b64(proof.to().rootHash()));
        answer.put("proof", hashes(proof.proof()));
        answer.put("fromCheckpoint", proof.from().note());
        answer.put("toCheckpoint", proof.to().note());
        return answer;
    }

    /** Inclusion of the event at {@code globalIndex} in the checkpoint of {@code treeSize} (the latest one if absent). */
    @GetMapping("/inclusion")
    public Map<String, Object> inclusion(@RequestParam long globalIndex, @RequestParam(required = false) Long treeSize) {
        long size = treeSize != null ? treeSize
                : integrity.latest().orElseThrow(() -> notFound("no checkpoint has been published yet")).treeSize();
        InclusionProof proof = integrity.inclusion(globalIndex, size)
                .orElseThrow(() -> notFound("event " + globalIndex + " is not in a published checkpoint of size " + size));
        return inclusionAnswer(proof, size);
    }

    /** The JSON of an inclusion proof, as {@code /inclusion} answers it; also part of a receipt's public verification. */
    public static Map<String, Object> inclusionAnswer(InclusionProof proof, long size) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("globalIndex", proof.globalIndex());
        answer.put("leafIndex", proof.leafIndex());
        answer.put("treeSize", size);
        answer.put("eventHash", b64(proof.eventHash()));
        answer.put("leafHash", b64(proof.leafHash()));
        answer.put("auditPath", hashes(proof.auditPath()));
        answer.put("rootHash", b64(proof.checkpoint().rootHash()));
        answer.put("checkpoint", proof.checkpoint().note());
        return answer;
    }

    @GetMapping("/public-key")
    public Map<String, Object> publicKey() {
        CheckpointSigner signer = integrity.signer();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("origin", integrity.origin());
        answer.put("keyName", signer.keyName());
        answer.put("algorithm", "Ed25519");
        answer.put("publicKey", b64(signer.publicKey()));
        answer.put("keyId", HexFormat.of().formatHex(signer.keyId()));
        answer.put("verifierKey", signer.verifierKey());
        return answer;
    }

    private static Map<String, Object> checkpoint(Checkpoint checkpoint) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("treeSize", checkpoint.treeSize());
        answer.put("rootHash", b64(checkpoint.rootHash()));
        answer.put("signedAt", checkpoint.signedAt());
        answer.put("note", checkpoint.note());
        return answer;
    }

    private static List<String> hashes(List<byte[]> hashes) {
        return hashes.stream().map(IntegrityController::b64).toList();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static ResponseStatusException notFound(String detail) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, detail);
    }
}
