package org.mashhub.hub.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.demo}: simulated partner traffic on or off and how often, twelve weeks of made-up history on a fresh hub, and
 * the simulated case system reporting decided outcomes back (with its demo key, this long after each decision), and the
 * simulated partners answering the MASH's requests ({@code partnerAnswers}: each after {@code partnerAnswerAfter}, every
 * {@code lateAnswerEvery}-th one only after its due time, so a newcomer sees the clock work).
 */
@ConfigurationProperties("hub.demo")
public record DemoProperties(
        @DefaultValue("false") boolean traffic,
        @DefaultValue("false") boolean history,
        @DefaultValue("10s") Duration trafficInterval,
        @DefaultValue("demo-housing-key") String housingKey,
        @DefaultValue("false") boolean caseSystemReplies,
        @DefaultValue("30s") Duration caseSystemReplyAfter,
        @DefaultValue("demo-case-system-key") String caseSystemKey,
        @DefaultValue("false") boolean partnerAnswers,
        @DefaultValue("20s") Duration partnerAnswerAfter,
        @DefaultValue("4") int lateAnswerEvery) {
}
