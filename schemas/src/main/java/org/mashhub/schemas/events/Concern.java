package org.mashhub.schemas.events;

import java.util.List;

/** What the worry is: categories, a summary, the partner's detail, a RAG rating and whether there is risk of significant harm. */
public record Concern(List<String> categories, String summary, String detail, Rag rag, boolean riskOfSignificantHarm) {

    public Concern {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }
}
