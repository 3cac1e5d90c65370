package org.civicledger.events.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRegistered;
import org.civicledger.events.reference.CaseTypeEvent.CaseTypeRevised;

/**
 * Reads revision 1 of {@link CaseTypeRegistered} and {@link CaseTypeRevised} as revision 2: adds
 * {@code issuesCertificate} (and, to a revision, {@code previousIssuesCertificate}) as the former naming rule decided it
 * ({@link CaseTypeEvent#certificateByFormerNamingRule}). A type registered before revision 2 had a certificate exactly
 * when its code ended in {@code -CERTIFICATE}, before and after each of its revisions, so a replay of a stored ledger
 * issues the certificates it issued when the events were live.
 *
 * <p>Without it Jackson would read the missing boolean as false and a replay would silently drop every certificate
 * type: the approval test loads the approved revision-1 JSON through this upcaster.
 */
public final class CaseTypeUpcaster extends SingleEventUpcaster {

    static final String FORMER_REVISION = "1";
    static final String CURRENT_REVISION = "2";
    private static final String REGISTERED = CaseTypeRegistered.class.getName();
    private static final String REVISED = CaseTypeRevised.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        String name = representation.getType().getName();
        return FORMER_REVISION.equals(representation.getType().getRevision()) && (REGISTERED.equals(name) || REVISED.equals(name));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        boolean revised = REVISED.equals(representation.getType().getName());
        return representation.upcastPayload(new SimpleSerializedType(representation.getType().getName(), CURRENT_REVISION),
                JsonNode.class, payload -> {
                    ObjectNode event = (ObjectNode) payload;
                    boolean certificate = CaseTypeEvent.certificateByFormerNamingRule(event.path("caseTypeCode").asText(null));
                    event.put("issuesCertificate", certificate);
                    if (revised) {
                        event.put("previousIssuesCertificate", certificate);
                    }
                    return event;
                });
    }
}
