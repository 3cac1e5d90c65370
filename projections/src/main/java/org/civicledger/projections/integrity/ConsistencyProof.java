package org.civicledger.projections.integrity;

import java.util.List;

/** RFC 6962 consistency proof between two published checkpoints. */
public record ConsistencyProof(Checkpoint from, Checkpoint to, List<byte[]> proof) {
}
