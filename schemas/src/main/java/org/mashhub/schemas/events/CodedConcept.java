package org.mashhub.schemas.events;

import java.util.List;

/** A coded thing (a reason, a condition) as the partner coded it, with its text. */
public record CodedConcept(String text, List<Code> codes) {

    public CodedConcept {
        codes = codes == null ? List.of() : List.copyOf(codes);
    }

    public record Code(String system, String code, String display) {
    }
}
