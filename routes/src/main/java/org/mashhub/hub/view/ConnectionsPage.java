package org.mashhub.hub.view;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mashhub.hub.partner.ConnectionFiles;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.hub.storage.Times;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /mash/connections}, for engineers: each partner connection in force with its last message and the last day's
 * traffic (accepted, refused, the share refused, parked now), and the connection files refused with every problem.
 * Counts and ids only.
 */
@Controller
class ConnectionsPage {

    /** One partner's connection and how it is doing. */
    record Row(String partner, String name, String agency, boolean enabled, String source, Instant lastMessage, int accepted,
               int refused, Double refusedPercent, int parked) {
    }

    private final PartnerRegistry partners;
    private final ConnectionFiles files;
    private final JdbcTemplate jdbc;

    ConnectionsPage(PartnerRegistry partners, ConnectionFiles files, JdbcTemplate jdbc) {
        this.partners = partners;
        this.files = files;
        this.jdbc = jdbc;
    }

    @GetMapping("/mash/connections")
    String connections(Model model) {
        OffsetDateTime dayAgo = OffsetDateTime.now(ZoneOffset.UTC).minus(Duration.ofDays(1));
        Map<String, Instant> last = new HashMap<>();
        Map<String, Integer> accepted = new HashMap<>();
        jdbc.queryForList("""
                select partner_id, max(received_at) as last_at, sum(case when received_at >= ? then 1 else 0 end) as recent
                from inbound_message group by partner_id""", dayAgo).forEach(r -> {
            last.put((String) r.get("partner_id"), Times.instant(r.get("last_at")));
            accepted.put((String) r.get("partner_id"), ((Number) r.get("recent")).intValue());
        });
        Map<String, Integer> refused = counts("""
                select partner_id, count(*) as n from audit_entry where action = 'REJECTED' and recorded_at >= ? and partner_id is not null
                group by partner_id""", dayAgo);
        Map<String, Integer> parked = counts("select partner_id, count(*) as n from accepted_event where status = 'PARKED' group by partner_id");
        Map<String, String> fileOf = new HashMap<>();
        files.accepted().forEach(a -> fileOf.put(a.partner().id(), a.file()));
        List<Row> rows = partners.configured().stream().map(p -> {
            int in = accepted.getOrDefault(p.id(), 0);
            int out = refused.getOrDefault(p.id(), 0);
            return new Row(p.id(), p.name() == null ? p.id() : p.name(), partners.agency(p.id()), p.enabled(),
                    fileOf.containsKey(p.id()) ? "connection file " + fileOf.get(p.id()) : "the hub's settings", last.get(p.id()), in, out,
                    in + out == 0 ? null : 100.0 * out / (in + out), parked.getOrDefault(p.id(), 0));
        }).sorted(java.util.Comparator.comparing(Row::partner)).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("refusedFiles", files.refused());
        return "connections";
    }

    private Map<String, Integer> counts(String sql, Object... arguments) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.queryForList(sql, arguments).forEach(r -> counts.put((String) r.get("partner_id"), ((Number) r.get("n")).intValue()));
        return counts;
    }
}
