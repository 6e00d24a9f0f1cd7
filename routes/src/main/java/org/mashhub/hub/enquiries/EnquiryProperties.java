package org.mashhub.hub.enquiries;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub.enquiries}: how long a partner has to answer a request, by the RAG rating of the enquiry (clock hours).
 *
 * @param red   a child may be at immediate risk
 * @param amber a day
 * @param green three days
 * @param checkEvery how often the clock looks for partners to remind (at three quarters of their time) and requests overdue
 */
@ConfigurationProperties("hub.enquiries")
public record EnquiryProperties(@DefaultValue("4h") Duration red, @DefaultValue("24h") Duration amber, @DefaultValue("72h") Duration green,
                                @DefaultValue("1m") Duration checkEvery) {

    Duration answerWithin(Rag rag) {
        return switch (rag) {
            case RED -> red;
            case AMBER -> amber;
            case GREEN -> green;
        };
    }

    /** How urgent an enquiry is. */
    enum Rag { RED, AMBER, GREEN }
}
