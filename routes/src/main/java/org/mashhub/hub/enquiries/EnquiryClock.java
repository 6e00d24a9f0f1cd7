package org.mashhub.hub.enquiries;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code hub.enquiries.check-every}: partners reminded at three quarters of their time, overdue requests marked; and
 * nightly with the retention purge, answers past their partner's retention.
 */
@Component
class EnquiryClock {

    private static final Logger log = LoggerFactory.getLogger(EnquiryClock.class);

    private final Enquiries enquiries;

    EnquiryClock(Enquiries enquiries) {
        this.enquiries = enquiries;
    }

    @Scheduled(initialDelayString = "${hub.enquiries.check-every:PT1M}", fixedDelayString = "${hub.enquiries.check-every:PT1M}")
    void tick() {
        try {
            enquiries.remindAndMarkOverdue();
        } catch (RuntimeException e) {
            // Tried again at the next tick; each step is done once per request.
            log.warn("Partner checks' clock did not run this time: {}", e.getClass().getSimpleName());
        }
    }

    /** With the hub's retention purge: answers' words past the partner's retention. */
    @Scheduled(cron = "${hub.sharing.retention-purge-cron:0 30 2 * * *}")
    void purgeAnswers() {
        log.info("Retention purge: {} answers to partner checks", enquiries.purgeAnswers("hub"));
    }
}
