package org.mashhub.hub.pipeline;

import java.util.List;
import org.mashhub.schemas.Problem;

/** An event the hub made does not satisfy its schema: a defect in the hub, never published. */
public class CanonicalEventInvalidException extends RuntimeException {

    public CanonicalEventInvalidException(String eventId, List<Problem> problems) {
        super("event " + eventId + " breaks its schema at " + problems.stream().map(Problem::pointer).toList());
    }
}
