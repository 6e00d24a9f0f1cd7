package org.mashhub.hub.ingest.police;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.mashhub.adapters.police.PoliceNoticeAdapter;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.ingest.PartnerAnswers;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.schemas.police.RespondToEnquiry;
import org.springframework.stereotype.Component;

/** A force's {@code RespondToEnquiry}: read and checked against the schema, then taken as the force's answer to its own request. */
@Component
class PoliceAnswerIntake implements Processor {

    /** The payload's root element, whatever its prefix (after an XML declaration, if any). */
    private static final Pattern ANSWER = Pattern.compile("^\\s*(<\\?xml[^>]*\\?>)?\\s*<([A-Za-z_][\\w.-]*:)?RespondToEnquiry[\\s/>]");

    private final PoliceNoticeAdapter adapter;
    private final PartnerAnswers answers;
    private final PartnerRegistry partners;

    PoliceAnswerIntake(PoliceNoticeAdapter adapter, PartnerAnswers answers, PartnerRegistry partners) {
        this.adapter = adapter;
        this.answers = answers;
        this.partners = partners;
    }

    /** Whether the SOAP body is an answer rather than a notice. */
    static boolean isAnswer(Exchange exchange) {
        return ANSWER.matcher(exchange.getMessage().getBody(String.class)).find();
    }

    @Override
    public void process(Exchange exchange) {
        String partnerId = exchange.getMessage().getHeader(HubHeaders.PARTNER_ID, String.class);
        RespondToEnquiry answer = adapter.parseAnswer(exchange.getMessage().getBody(String.class).getBytes(StandardCharsets.UTF_8));
        exchange.getMessage().setBody(answers.answer(partners.byId(partnerId).orElseThrow(), answer.getRequestId(),
                new PartnerAnswers.Said(answer.isNothingKnown(), answer.getSummary(), answer.getDetail())));
    }
}
