package org.twitchtriage.fhir.internal;

import org.hl7.fhir.r4.model.ServiceRequest;
import org.twitchtriage.model.Urgency;

/** Test access to the priority mapping of {@link DecisionAssembler}. */
public final class DecisionAssemblerAccess {
    private DecisionAssemblerAccess() {
    }

    /** @return the ServiceRequest priority written for an urgency */
    public static ServiceRequest.ServiceRequestPriority priority(Urgency urgency) {
        return DecisionAssembler.priority(urgency);
    }
}
