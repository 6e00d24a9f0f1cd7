package org.mashhub.hub.triage;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.mashhub.hub.partner.Partner;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.hub.sharing.Agreements;
import org.mashhub.hub.storage.Times;
import org.mashhub.schemas.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The MASH's inbox: referrals waiting for a decision, one row per incident per household (the children one partner
 * message named together), with copies of the same referral (same partner, time, concerns, narrative and children,
 * sent again as new messages) folded into one row that says how often it came. Overdue rows first whatever their RAG, then RED,
 * AMBER, GREEN, each by when its decision is due. What a row says of the concern is shown only to those who may
 * read it under the sharing policy and the agreement; the children's names and ages are shown to every caseworker,
 * since finding the child is the MASH's work.
 */
@Component
public class ReferralInbox {

    /**
     * A child named in a row (eventId: the child's referral, its first copy; eventIds: every copy), and the MASH's decision
     * where there is one.
     */
    public record Child(String hubChildId, String eventId, List<String> eventIds, String name, LocalDate birthDate, Integer age, String postcode,
                        MashDecisions.Decision decision) {

        public boolean decided() {
            return decision != null;
        }
    }

    /**
     * One incident told by one agency about one household.
     *
     * @param id                the referral the row is known by (its first event)
     * @param unreadable        why the viewer cannot read the concern, or null
     * @param sentTimes         how many messages told this (a partner resending the same referral)
     * @param emergencyDutyTeam a RED that arrived while the MASH was closed
     * @param detail            what the referrer says happened, and who referred (null where unreadable)
     */
    public record Row(String id, List<String> eventIds, List<Child> children, String agency, String partner, String rag,
                      String summary, List<String> categories, String unreadable, Instant occurredAt, Instant arrived, Instant due,
                      boolean overdue, boolean emergencyDutyTeam, String locality, String allocatedTo, int sentTimes,
                      Detail detail) {

        public boolean readable() {
            return unreadable == null;
        }

        public boolean decided() {
            return children.stream().allMatch(Child::decided);
        }
    }

    /** The referral's own words, for whoever decides on it. */
    public record Detail(String narrative, boolean riskOfSignificantHarm, String referrer) {
    }

    /** What the viewer asked for; null or false means "any". */
    public record Filter(String rag, String agency, String locality, boolean overdue, boolean mine, boolean unallocated, int page) {
    }

    public record Page(List<Row> rows, int total, int page, int pages, long overdue, long emergencyDutyTeam,
                       Set<String> agencies, Set<String> localities) {
    }

    /** One referral event as the inbox reads it. */
    record Referral(String eventId, String hubMessageId, String hubChildId, String partnerId, String agency, Instant arrived,
                    Instant occurredAt, String rag, String summary, String text, List<String> categories, String childName, LocalDate birthDate,
                    String postcode, String unreadable, MashDecisions.Decision decision, String allocatedTo, Detail detail) {
    }

    private static final String SELECT = """
            select a.event_id, a.hub_message_id, a.hub_child_id, a.partner_id, a.accepted_at, a.payload, a.sharing_decision,
                   a.primary_category, a.status, d.decision_id, d.decided_at, d.decided_by, d.outcome, d.rationale,
                   d.needs_sign_off, d.signed_off_by, d.signed_off_at, d.sent_event_id, d.answers_missing, r.allocated_to
            from accepted_event a left join mash_decision d on d.event_id = a.event_id
                 left join referral_allocation r on r.event_id = a.event_id
            where a.event_type = 'ReferralEvent' and a.status <> 'REFUSED' and a.payload is not null""";

    private final JdbcTemplate jdbc;
    private final DecisionTimescales timescales;
    private final Localities localities;
    private final PartnerRegistry partners;
    private final Agreements agreements;
    private final TriageProperties properties;
    private final Clock clock;

    ReferralInbox(JdbcTemplate jdbc, DecisionTimescales timescales, Localities localities, PartnerRegistry partners,
                  Agreements agreements, TriageProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.timescales = timescales;
        this.localities = localities;
        this.partners = partners;
        this.agreements = agreements;
        this.properties = properties;
        this.clock = clock;
    }

    /** The open rows the filter asks for, one page of them, for a viewer with these roles. */
    @Transactional(readOnly = true)
    public Page open(Filter filter, String viewer, Collection<String> roles) {
        // Messages with a child still waiting, with their decided children too (a row shows both).
        OffsetDateTime from = utc(clock.instant().minus(java.time.Duration.ofDays(properties.inboxDays())));
        List<Row> all = rows(SELECT + """
                 and a.accepted_at >= ? and a.hub_message_id in (
                    select w.hub_message_id from accepted_event w left join mash_decision wd on wd.event_id = w.event_id
                    where w.event_type = 'ReferralEvent' and w.accepted_at >= ? and wd.event_id is null and w.status <> 'REFUSED')
                order by a.accepted_at, a.hub_message_id, a.event_index limit 20000""", roles, from, from).stream().filter(r -> !r.decided()).toList();
        List<Row> matching = all.stream()
                .filter(r -> filter.rag() == null || filter.rag().isBlank() || filter.rag().equals(r.rag() == null ? "NONE" : r.rag()))
                .filter(r -> filter.agency() == null || filter.agency().isBlank() || filter.agency().equals(r.agency()))
                .filter(r -> filter.locality() == null || filter.locality().isBlank() || filter.locality().equals(r.locality()))
                .filter(r -> !filter.overdue() || r.overdue())
                .filter(r -> !filter.mine() || viewer.equals(r.allocatedTo()))
                .filter(r -> !filter.unallocated() || r.allocatedTo() == null)
                .toList();
        int size = Math.max(1, properties.pageSize());
        int pages = Math.max(1, (matching.size() + size - 1) / size);
        int page = Math.min(Math.max(1, filter.page()), pages);
        Set<String> localitiesShown = new TreeSet<>(localities.all());
        all.forEach(r -> localitiesShown.add(r.locality()));
        return new Page(matching.subList((page - 1) * size, Math.min(matching.size(), page * size)), matching.size(), page, pages,
                all.stream().filter(Row::overdue).count(), all.stream().filter(Row::emergencyDutyTeam).count(),
                all.stream().map(Row::agency).collect(Collectors.toCollection(TreeSet::new)), localitiesShown);
    }

    /** The row this referral is in, decided children and all, as a viewer with these roles sees it. */
    @Transactional(readOnly = true)
    public Optional<Row> row(String eventId, Collection<String> roles) {
        List<Map<String, Object>> found = jdbc.queryForList("select partner_id, accepted_at from accepted_event "
                + "where event_id = ? and event_type = 'ReferralEvent'", eventId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        // Its row is its message's referrals and their copies: from the same partner, about the same children, within the
        // inbox's reach of one another.
        Instant arrived = Times.instant(found.get(0).get("accepted_at"));
        java.time.Duration reach = java.time.Duration.ofDays(properties.inboxDays());
        return rows(SELECT + """
                 and a.partner_id = ? and a.accepted_at between ? and ? and a.hub_child_id in (
                    select m.hub_child_id from accepted_event m where m.hub_message_id = (
                        select hub_message_id from accepted_event where event_id = ?))
                order by a.accepted_at, a.hub_message_id, a.event_index""", roles,
                found.get(0).get("partner_id"), utc(arrived.minus(reach)), utc(arrived.plus(reach)), eventId).stream()
                .filter(r -> r.eventIds().contains(eventId)).findFirst();
    }

    private List<Row> rows(String sql, Collection<String> roles, Object... arguments) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, DecisionTimescales.UK);
        Map<String, List<Referral>> byMessage = new LinkedHashMap<>();
        for (Map<String, Object> row : jdbc.queryForList(sql, arguments)) {
            Referral referral = referral(row, roles, today);
            if (referral != null) {
                byMessage.computeIfAbsent(referral.hubMessageId(), m -> new ArrayList<>()).add(referral);
            }
        }
        Map<String, List<List<Referral>>> copies = new LinkedHashMap<>();
        for (List<Referral> message : byMessage.values()) {
            Referral first = message.get(0);
            // The narrative, not the summary: a partner's summary carries its own reference, new with each resend.
            String key = String.join("|", first.partnerId(), String.valueOf(first.occurredAt()), String.join(",", first.categories()),
                    String.valueOf(first.text()),
                    message.stream().map(Referral::hubChildId).sorted().distinct().collect(Collectors.joining(",")));
            copies.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
        }
        List<Row> rows = new ArrayList<>();
        for (List<List<Referral>> messages : copies.values()) {
            rows.add(row(messages, today, now));
        }
        rows.sort(Comparator.comparing((Row r) -> !r.overdue()).thenComparing(r -> r.overdue() ? 0 : rank(r.rag()))
                .thenComparing(Row::due));
        return rows;
    }

    private Row row(List<List<Referral>> messages, LocalDate today, Instant now) {
        List<Referral> all = messages.stream().flatMap(List::stream).toList();
        Referral first = all.get(0);
        Map<String, List<Referral>> byChild = all.stream().collect(Collectors.groupingBy(Referral::hubChildId, LinkedHashMap::new,
                Collectors.toList()));
        Map<String, Child> children = new LinkedHashMap<>();
        byChild.forEach((hubChildId, referrals) -> {
            Referral r = referrals.get(0);
            // A child is decided once each copy of the child's referral is.
            MashDecisions.Decision decision = referrals.stream().allMatch(c -> c.decision() != null) ? r.decision() : null;
            children.put(hubChildId, new Child(hubChildId, r.eventId(), referrals.stream().map(Referral::eventId).toList(), r.childName(), r.birthDate(),
                    r.birthDate() == null ? null : Period.between(r.birthDate(), today).getYears(), Localities.formatted(r.postcode()),
                    decision));
        });
        String rag = all.stream().map(Referral::rag).min(Comparator.comparing(ReferralInbox::rank)).orElse(null);
        Instant arrived = all.stream().map(Referral::arrived).min(Comparator.naturalOrder()).orElseThrow();
        Instant due = timescales.due(arrived, rag);
        String unreadable = all.stream().map(Referral::unreadable).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return new Row(first.eventId(), all.stream().map(Referral::eventId).toList(), List.copyOf(children.values()), first.agency(),
                partnerName(first.partnerId()), rag, unreadable == null ? first.summary() : null,
                unreadable == null ? first.categories() : List.of(), unreadable, first.occurredAt(), arrived, due,
                now.isAfter(due) && children.values().stream().anyMatch(c -> !c.decided()), timescales.forEmergencyDutyTeam(arrived, rag),
                localities.of(first.postcode()), all.stream().map(Referral::allocatedTo).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null), messages.size(), unreadable == null ? first.detail() : null);
    }

    private Referral referral(Map<String, Object> row, Collection<String> roles, LocalDate today) {
        JsonNode event;
        try {
            event = CanonicalJson.mapper().readTree((String) row.get("payload"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
        String partnerId = (String) row.get("partner_id");
        String sharing = (String) row.get("sharing_decision");
        String unreadable = sharing == null ? "Waiting for the sharing policy"
                : "WITHHOLD".equals(sharing) && !"RELEASED".equals(row.get("status")) ? "Withheld: waiting for a manager"
                : !agreements.readableBy(partnerId, (String) row.get("primary_category"), roles, today)
                ? "Not for your role under the sharing agreement" : null;
        List<String> categories = new ArrayList<>();
        event.at("/concern/categories").forEach(c -> categories.add(words(c.asText())));
        String given = event.at("/child/name/given").asText("");
        String family = event.at("/child/name/family").asText("");
        String birthDate = event.at("/child/birthDate").asText(null);
        return new Referral((String) row.get("event_id"), (String) row.get("hub_message_id"), (String) row.get("hub_child_id"),
                partnerId, agency(partnerId), Times.instant(row.get("accepted_at")), Instant.parse(event.get("occurredAt").asText()),
                event.at("/concern/rag").asText(null), event.at("/concern/summary").asText(null),
                event.at("/concern/detail").asText(event.at("/concern/summary").asText(null)), categories,
                (given + " " + family).isBlank() ? null : (given + " " + family).trim(),
                birthDate == null ? null : LocalDate.parse(birthDate), event.at("/child/address/postcode").asText(null), unreadable,
                MashDecisions.decision(row), (String) row.get("allocated_to"), unreadable != null ? null
                : new Detail(event.at("/concern/detail").asText(null), event.at("/concern/riskOfSignificantHarm").asBoolean(false),
                        referrer(event.path("referrer"))));
    }

    private static String referrer(JsonNode referrer) {
        List<String> parts = new ArrayList<>();
        for (String field : List.of("name", "role", "organisation", "phone", "email")) {
            if (referrer.hasNonNull(field) && !referrer.get(field).asText().isBlank()) {
                parts.add(referrer.get(field).asText());
            }
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    /** "domestic-abuse" as "Domestic abuse". */
    public static String words(String code) {
        String spaced = code.replace('-', ' ').replace('_', ' ').toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** The kind of agency a partner is, in the words the MASH uses. */
    public String agency(String partnerId) {
        return partners.agency(partnerId);
    }

    private String partnerName(String partnerId) {
        return partners.byId(partnerId).map(Partner::name).orElse(partnerId);
    }

    static int rank(String rag) {
        return rag == null ? 3 : switch (rag) {
            case "RED" -> 0;
            case "AMBER" -> 1;
            case "GREEN" -> 2;
            default -> 3;
        };
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

}
