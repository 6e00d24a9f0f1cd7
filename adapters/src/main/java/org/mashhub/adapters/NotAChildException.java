package org.mashhub.adapters;

import java.util.List;
import org.mashhub.schemas.Problem;

/**
 * A message about an adult: the hub takes information about children (and care leavers) only, so it
 * refuses it and keeps nothing of it.
 */
public class NotAChildException extends InvalidMessageException {

    public NotAChildException(List<Problem> problems) {
        super(Kind.INVALID, problems);
    }
}
