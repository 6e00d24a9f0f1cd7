package org.mashhub.hub.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CorrelationIdTest {

    @Test
    void keepsAPartnersShortTokenAndReplacesAnythingElse() {
        assertThat(CorrelationId.acceptOrCreate("req-2026.11_22")).isEqualTo("req-2026.11_22");
        assertThat(CorrelationId.acceptOrCreate("Ruby Fictionly 2017-11-08")).matches("[0-9a-f-]{36}");
        assertThat(CorrelationId.acceptOrCreate("x".repeat(65))).matches("[0-9a-f-]{36}");
        assertThat(CorrelationId.acceptOrCreate("a\nb")).matches("[0-9a-f-]{36}");
        assertThat(CorrelationId.acceptOrCreate(null)).matches("[0-9a-f-]{36}");
    }
}
