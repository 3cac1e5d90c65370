package org.civicledger.projections.integrity;

import java.util.List;

/** RFC 6962 audit path of one event's leaf in the tree of a published checkpoint. */
public record InclusionProof(long globalIndex, long leafIndex, byte[] eventHash, byte[] leafHash,
                             List<byte[]> auditPath, Checkpoint checkpoint) {
}
