package org.mashhub.hub.ledger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code mash_hub_outbox_events}: accepted events not yet on the broker (a number that keeps growing means the relay is
 * stuck, or switched off); {@code mash_hub_events_parked}: events waiting for an engineer. Counted when scraped.
 */
@Component
class LedgerMetrics implements MeterBinder {

    private final JdbcTemplate jdbc;

    LedgerMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("mash.hub.outbox.events", () -> count("select count(*) from event_outbox"))
                .description("Accepted events waiting in the outbox for the relay to put them on the broker").register(registry);
        Gauge.builder("mash.hub.events.parked", () -> count("select count(*) from accepted_event where status = 'PARKED'"))
                .description("Events parked for an engineer to replay or discard").register(registry);
    }

    private double count(String sql) {
        try {
            return jdbc.queryForObject(sql, Long.class);
        } catch (RuntimeException e) { // a scrape must not fail because the database is away
            return Double.NaN;
        }
    }
}
