package org.mashhub.hub.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.mashhub.hub.identity.ChildIndex;
import org.mashhub.hub.identity.SourcedDetail;
import org.mashhub.hub.partner.Partner;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.hub.sharing.SharingPolicy;
import org.mashhub.hub.sharing.StaffView;
import org.mashhub.hub.triage.MashDecisions;
import org.mashhub.hub.triage.ReferralInbox;
import org.mashhub.schemas.events.CanonicalEvent;
import org.mashhub.schemas.events.ChildRecordEvent;
import org.mashhub.schemas.events.Identifier;
import org.mashhub.schemas.events.PartnerAnswerEvent;
import org.mashhub.schemas.events.Redaction;
import org.mashhub.schemas.events.ReferralEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A child's page: every event the hub holds about the child (and about children a person linked into it),
 * each put through the sharing policy as the case system's delivery is, and shown only where the policy and
 * the agreement's roles allow. What is not shown is counted and said, never silently dropped.
 */
@Component
public class ChildPages {

    /** One line of the timeline, as the viewer may see it. */
    public record Item(String eventId, Instant occurredAt, String agency, String partner, String type, String rag, String summary,
                       Map<String, String> detail, String decision, String rule, List<String> redactions, Integer incident) {

        /** How the sharing policy let it through, in words. */
        public String sharedAs() {
            return switch (decision) {
                case "SHARE_UNDER_OVERRIDE" -> "Released by a manager";
                case "REDACT" -> "Shared with parts removed";
                default -> "Shared";
            } + " under the information sharing agreement (rule: " + rule.replace('-', ' ').replace('.', ' ') + ")";
        }
    }

    /** Referrals about the child from several agencies within the linked window: one incident, told several times. */
    public record Incident(int number, Instant from, Instant to, List<String> agencies, List<String> eventIds) {
    }

    /**
     * @param birthDate      the case system's birth date where it has one, else the one first given
     * @param birthDatesDiffer sources give the child more than one birth date (see {@code details})
     * @param details        what each source says of the child's birth date, sex and names, side by side
     */
    public record Page(String hubChildId, String name, LocalDate birthDate, Integer age, boolean birthDatesDiffer,
                       Map<String, List<String>> identifiersByAgency, List<Item> timeline, List<String> withheld, int withheldCount,
                       List<Incident> incidents, List<DetailBySource> details, List<MashDecisions.Recorded> decisions,
                       List<Person> people, List<RelatedChild> relatedChildren, List<Consent> consents) {
    }

    /** A partner's statement of the family's consent for a category, as in force today. */
    public record Consent(String agency, String partner, String category, String state, LocalDate from, LocalDate to, String recordedBy) {
    }

    /** Someone a partner named with the child (a parent, a partner of a parent), as the partner named them. */
    public record Person(String relationship, String name, LocalDate birthDate, Integer age, String agency) {
    }

    /** Another child a partner named together with this one (a sibling, a child at the same incident). */
    public record RelatedChild(String hubChildId, String name, LocalDate birthDate, Integer age) {
    }

    /** One field (date of birth, sex, given name, family name): each value with the sources that give it. */
    public record DetailBySource(String field, List<SourcedValue> values) {

        public boolean differ() {
            return values.size() > 1;
        }
    }

    public record SourcedValue(String value, List<String> sources) {
    }

    /** What one event was, for grouping referrals into incidents. */
    record Referral(String eventId, String hubChildId, Instant occurredAt, String agency) {
    }

    private static final ZoneId UK = ZoneId.of("Europe/London");

    private final JdbcTemplate jdbc;
    private final StaffView staffView;
    private final PartnerRegistry partners;
    private final ViewProperties properties;
    private final ChildIndex index;
    private final java.time.Clock clock;
    private final MashDecisions decisions;
    private final org.mashhub.hub.consent.ConsentRegistry consentRegistry;

    ChildPages(JdbcTemplate jdbc, StaffView staffView, PartnerRegistry partners,
               ViewProperties properties, ChildIndex index, java.time.Clock clock, MashDecisions decisions,
               org.mashhub.hub.consent.ConsentRegistry consentRegistry) {
        this.decisions = decisions;
        this.consentRegistry = consentRegistry;
        this.jdbc = jdbc;
        this.staffView = staffView;
        this.partners = partners;
        this.properties = properties;
        this.index = index;
        this.clock = clock;
    }

    /** The page, or empty when the hub knows no such child. */
    @Transactional(readOnly = true)
    public Optional<Page> page(String hubChildId, Collection<String> viewerRoles) {
        List<String> known = jdbc.queryForList("select hub_child_id from hub_child where hub_child_id = ? or merged_into = ?",
                String.class, hubChildId, hubChildId);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = jdbc.queryForList("select event_id, partner_id, status, payload, primary_category, purged_at "
                + "from accepted_event where hub_child_id in (" + known.stream().map(k -> "?").collect(Collectors.joining(","))
                + ") order by accepted_at", known.toArray());
        List<Item> timeline = new ArrayList<>();
        Map<String, Integer> withheldReasons = new LinkedHashMap<>();
        Map<String, List<String>> identifiers = new TreeMap<>();
        String name = null;
        Set<String> shownPartners = new java.util.HashSet<>();
        Map<String, Person> people = new LinkedHashMap<>();
        LocalDate today = LocalDate.now(clock.withZone(UK));
        for (Map<String, Object> row : rows) {
            String eventId = (String) row.get("event_id");
            String partnerId = (String) row.get("partner_id");
            if (PartnerRegistry.HUB_ITSELF.equals(partnerId)) {
                continue; // the MASH's own decisions, shown under "MASH decisions"
            }
            String agency = agency(partnerId);
            StaffView.Seen seen = staffView.see(eventId, partnerId, (String) row.get("primary_category"), (String) row.get("payload"),
                    viewerRoles);
            if (!seen.shown()) {
                String why = seen.decision() == null ? seen.heldBecause() + " (" + agency + ")"
                        : seen.heldBecause() + (seen.decision().rule().startsWith("consent.") ? " by " + agency : " (" + agency + ")");
                withheldReasons.merge(why + (seen.awaitingManager() ? ", awaiting a manager" : ""), 1, Integer::sum);
                continue;
            }
            SharingPolicy.Decision decision = seen.decision();
            CanonicalEvent shared = decision.shared();
            if (shared instanceof PartnerAnswerEvent) {
                continue; // shown under the check it answers ("Partner checks"), not in the timeline
            }
            timeline.add(item(shared, agency, partnerName(partnerId), decision));
            if (shared instanceof ReferralEvent referral && referral.peopleInvolved() != null) {
                for (var person : referral.peopleInvolved()) {
                    String personName = person.name() == null ? null : java.util.stream.Stream.of(person.name().given(), person.name().family())
                            .filter(n -> n != null && !n.isBlank()).collect(Collectors.joining(" "));
                    people.putIfAbsent(person.relationshipToChild().toLowerCase(java.util.Locale.ROOT) + "|" + personName + "|" + person.birthDate(),
                            new Person(sentence(person.relationshipToChild()), personName, person.birthDate(), age(person.birthDate(), today), agency));
                }
            }
            shownPartners.add(partnerId);
            if (shared.child() != null) {
                for (Identifier id : shared.child().identifiers()) {
                    List<String> list = identifiers.computeIfAbsent(agency, a -> new ArrayList<>());
                    String shown = label(id);
                    if (shown != null && !list.contains(shown)) {
                        list.add(shown);
                    }
                }
                if (shared.child().name() != null) {
                    name = (shared.child().name().given() + " " + shared.child().name().family()).trim();
                }
            }
        }
        jdbc.queryForList("select id_value from child_identifier where id_system = ? and hub_child_id in ("
                        + known.stream().map(k -> "?").collect(Collectors.joining(",")) + ")", String.class,
                java.util.stream.Stream.concat(java.util.stream.Stream.of(Identifier.CASE_SYSTEM_PERSON), known.stream()).toArray())
                .forEach(v -> identifiers.computeIfAbsent("case system", a -> new ArrayList<>()).add("Person id " + v));

        List<Incident> incidents = incidents(timeline.stream().filter(i -> i.type().equals("Referral"))
                .map(i -> new Referral(i.eventId(), hubChildId, i.occurredAt(), i.agency())).toList(), properties.linkedWindow());
        Map<String, Integer> incidentOf = new java.util.HashMap<>();
        incidents.forEach(n -> n.eventIds().forEach(id -> incidentOf.put(id, n.number())));
        List<Item> numbered = timeline.stream()
                .map(i -> new Item(i.eventId(), i.occurredAt(), i.agency(), i.partner(), i.type(), i.rag(), i.summary(), i.detail(),
                        i.decision(), i.rule(), i.redactions(), incidentOf.get(i.eventId())))
                .sorted(Comparator.comparing(Item::occurredAt).reversed()).toList();
        List<String> withheld = withheldReasons.entrySet().stream()
                .map(e -> e.getValue() + (e.getValue() == 1 ? " item" : " items") + " withheld: " + e.getKey()).toList();
        List<DetailBySource> details = details(hubChildId, shownPartners);
        List<SourcedValue> birthDates = details.stream().filter(d -> d.field().equals("Date of birth")).findFirst()
                .map(DetailBySource::values).orElse(List.of());
        LocalDate birthDate = birthDates.stream().filter(v -> v.sources().contains(CASE_SYSTEM)).findFirst()
                .or(() -> birthDates.stream().findFirst()).map(v -> LocalDate.parse(v.value())).orElse(null);
        return Optional.of(new Page(hubChildId, name, birthDate, age(birthDate, today), birthDates.size() > 1, identifiers, numbered,
                withheld, withheldReasons.values().stream().mapToInt(Integer::intValue).sum(), incidents, details,
                decisions.ofChildren(known), List.copyOf(people.values()), related(known, today),
                consentRegistry.inForce(known, today).stream().map(c -> new Consent(agency(c.partnerId()), partnerName(c.partnerId()),
                        c.category().equals("*") ? "Everything they share" : c.category(), sentence(c.state().name()), c.from(), c.to(),
                        c.recordedBy() == null ? null : c.recordedBy().startsWith("partner:") ? "the partner" : c.recordedBy().replace("staff:", "")))
                        .toList()));
    }

    private static final String CASE_SYSTEM = "case system";

    private static Integer age(LocalDate birthDate, LocalDate today) {
        return birthDate == null || birthDate.isAfter(today) ? null : java.time.Period.between(birthDate, today).getYears();
    }

    /** Children partners named together with this one: each once, by the name and birth date the index holds. */
    private List<RelatedChild> related(List<String> known, LocalDate today) {
        String in = known.stream().map(k -> "?").collect(Collectors.joining(","));
        List<Object> arguments = new ArrayList<>(known);
        arguments.addAll(known);
        return jdbc.queryForList("select distinct c.hub_child_id, c.given_names, c.family_names, c.birth_date from child_relation r "
                + "join hub_child c on c.hub_child_id = r.related_hub_child_id where r.hub_child_id in (" + in + ") "
                + "and r.related_hub_child_id not in (" + in + ") and c.merged_into is null", arguments.toArray()).stream().map(row -> {
            Object date = row.get("birth_date");
            LocalDate born = date == null ? null : date instanceof LocalDate local ? local : ((java.sql.Date) date).toLocalDate();
            String givenName = first((String) row.get("given_names"));
            String familyName = first((String) row.get("family_names"));
            return new RelatedChild((String) row.get("hub_child_id"), capitalised((givenName + " " + familyName).trim()), born, age(born, today));
        }).sorted(Comparator.comparing(RelatedChild::birthDate, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    }

    private static String first(String list) {
        return list == null || list.isBlank() ? "" : list.split("\\|")[0];
    }

    /** A normalised name as people write it: "mary-jane o'neil / smith" as "Mary-Jane O'Neil / Smith". */
    static String capitalised(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean start = true;
        for (char c : name.trim().toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == ' ' || c == '-' || c == '\'' || c == '/';
        }
        return out.toString();
    }

    /**
     * What each source says of the child, for the sources the viewer may see: the case system, and partners with
     * something on the viewer's timeline (a partner whose every item is withheld does not show its details either).
     */
    private List<DetailBySource> details(String hubChildId, Set<String> shownPartners) {
        Map<String, Map<String, List<String>>> byField = new LinkedHashMap<>();
        for (String field : List.of(SourcedDetail.BIRTH_DATE, SourcedDetail.SEX, SourcedDetail.GIVEN_NAME, SourcedDetail.FAMILY_NAME)) {
            byField.put(field, new LinkedHashMap<>());
        }
        for (SourcedDetail detail : index.details(hubChildId)) {
            boolean ours = detail.source().equals("case-system") || detail.source().equals("index");
            if (!ours && !shownPartners.contains(detail.source())) {
                continue;
            }
            String source = detail.source().equals("case-system") ? CASE_SYSTEM : detail.source().equals("index") ? "the index"
                    : agency(detail.source()) + " (" + partnerName(detail.source()) + ")";
            List<String> sources = byField.get(detail.field()).computeIfAbsent(detail.value(), v -> new ArrayList<>());
            if (!sources.contains(source)) {
                sources.add(source);
            }
        }
        List<DetailBySource> details = new ArrayList<>();
        byField.forEach((field, values) -> {
            if (!values.isEmpty()) {
                details.add(new DetailBySource(switch (field) {
                    case SourcedDetail.BIRTH_DATE -> "Date of birth";
                    case SourcedDetail.SEX -> "Sex";
                    case SourcedDetail.GIVEN_NAME -> "Given name";
                    default -> "Family name";
                }, values.entrySet().stream().map(e -> new SourcedValue(e.getKey(), List.copyOf(e.getValue()))).toList()));
            }
        });
        return details;
    }

    /**
     * Referrals of one child grouped where they follow one another within the window, kept where more than one
     * agency told of it.
     */
    static List<Incident> incidents(List<Referral> referrals, Duration window) {
        List<Referral> sorted = referrals.stream().sorted(Comparator.comparing(Referral::hubChildId)
                .thenComparing(Referral::occurredAt)).toList();
        List<Incident> incidents = new ArrayList<>();
        List<Referral> group = new ArrayList<>();
        for (Referral referral : sorted) {
            if (!group.isEmpty() && (!group.get(0).hubChildId().equals(referral.hubChildId())
                    || Duration.between(group.get(group.size() - 1).occurredAt(), referral.occurredAt()).compareTo(window) > 0)) {
                close(group, incidents);
            }
            group.add(referral);
        }
        close(group, incidents);
        return incidents;
    }

    private static void close(List<Referral> group, List<Incident> incidents) {
        Set<String> agencies = new LinkedHashSet<>(group.stream().map(Referral::agency).toList());
        if (agencies.size() > 1) {
            incidents.add(new Incident(incidents.size() + 1, group.get(0).occurredAt(), group.get(group.size() - 1).occurredAt(),
                    List.copyOf(agencies), group.stream().map(Referral::eventId).toList()));
        }
        group.clear();
    }

    /** What an event says, as a person reads it: its kind, RAG, summary and detail in words. */
    record Described(String type, String rag, String summary, Map<String, String> detail) {
    }

    static Described described(CanonicalEvent event) {
        Map<String, String> detail = new LinkedHashMap<>();
        String type;
        String rag = null;
        String summary;
        if (event instanceof ReferralEvent referral) {
            type = "Referral";
            rag = referral.concern().rag() == null ? null : referral.concern().rag().name();
            summary = referral.concern().summary();
            detail.put("Concerns", referral.concern().categories().stream().map(ReferralInbox::words).collect(Collectors.joining(", ")));
            detail.put("Risk of significant harm", referral.concern().riskOfSignificantHarm() ? "Yes" : "No");
            detail.put("Detail", referral.concern().detail());
            if (referral.referrer() != null) {
                detail.put("Referrer", java.util.stream.Stream.of(referral.referrer().name(), referral.referrer().role(),
                        referral.referrer().organisation()).filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(", ")));
            }
        } else if (event instanceof PartnerAnswerEvent answer) {
            type = "Answer to the MASH's check";
            rag = answer.enquiry().rag();
            summary = answer.answer().nothingKnown() ? "Nothing known" : answer.answer().summary();
            detail.put("Question", answer.enquiry().question());
            detail.put("Detail", answer.answer().detail());
            detail.put("In time", answer.answer().late() ? "No: after the due time" : "Yes");
        } else {
            ChildRecordEvent record = (ChildRecordEvent) event;
            type = sentence(record.recordType().name());
            summary = summary(record);
            record.data().fields().forEachRemaining(f -> detail.put(sentence(f.getKey()), text(f.getValue())));
        }
        detail.values().removeIf(v -> v == null || v.isBlank());
        return new Described(type, rag, summary, detail);
    }

    private static Item item(CanonicalEvent event, String agency, String partner, SharingPolicy.Decision decision) {
        Described described = described(event);
        List<String> redactions = event instanceof ReferralEvent r ? describe(r.redactions())
                : event instanceof ChildRecordEvent c ? describe(c.redactions()) : List.of();
        return new Item(event.eventId(), event.occurredAt(), agency, partner, described.type(), described.rag(), described.summary(),
                described.detail(), decision.outcome().name(), decision.rule(), redactions, null);
    }

    private static List<String> describe(List<Redaction> redactions) {
        return redactions.stream().map(r -> r.pointer().substring(r.pointer().lastIndexOf('/') + 1) + " removed (" + r.rule() + ")")
                .toList();
    }

    private static String summary(ChildRecordEvent record) {
        JsonNode data = record.data();
        for (String field : List.of("summary", "reason", "description", "status", "kind", "grading")) {
            if (data.hasNonNull(field) && data.get(field).isValueNode()) {
                return sentence(record.recordType().name()) + ": " + words(data.get(field).asText());
            }
        }
        return sentence(record.recordType().name());
    }

    /** A partner's value as a person reads it: codes as words, dates and times as in the UK, nested fields named in words. */
    private static String text(JsonNode value) {
        if (value.isValueNode()) {
            return words(value.asText());
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(text(v)));
            return String.join("; ", parts);
        }
        List<String> parts = new ArrayList<>();
        value.fields().forEachRemaining(f -> parts.add(sentence(f.getKey()) + ": " + text(f.getValue())));
        return String.join(", ", parts);
    }

    private static final java.time.format.DateTimeFormatter UK_DATE = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy",
            java.util.Locale.UK);
    private static final java.time.format.DateTimeFormatter UK_TIME = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm",
            java.util.Locale.UK);

    /** "DOMESTIC_ABUSE" as "Domestic abuse", "2026-11-20T23:15:00Z" as "20 November 2026, 23:15" (UK time); other text as it is. */
    static String words(String value) {
        if (value.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+") || value.matches("[A-Z]{4,}")) {
            return sentence(value);
        }
        try {
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(value).format(UK_DATE);
            }
            if (value.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
                return java.time.OffsetDateTime.parse(value).atZoneSameInstant(UK).format(UK_TIME);
            }
        } catch (java.time.format.DateTimeParseException e) {
            return value;
        }
        return value;
    }

    /** "HEALTH_ATTENDANCE" or "riskOfHarm" as words a person reads. */
    static String sentence(String name) {
        String spaced = name.contains("_") ? name.replace('_', ' ').toLowerCase(java.util.Locale.ROOT)
                : name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static String label(Identifier id) {
        return switch (id.system()) {
            case Identifier.NHS_NUMBER -> "NHS Number " + id.value();
            case Identifier.UPN -> "UPN " + id.value();
            case Identifier.CASE_SYSTEM_PERSON -> "Case system person id " + id.value();
            case Identifier.UNBORN_CHILD_OF -> "Unborn child of NHS Number " + id.value();
            default -> id.system().startsWith("urn:mash-hub:id:partner:")
                    ? "Own reference (" + id.system().substring(id.system().lastIndexOf(':') + 1) + ") " + id.value() : null;
        };
    }

    String agency(String partnerId) {
        return partners.agency(partnerId);
    }

    private String partnerName(String partnerId) {
        return partners.byId(partnerId).map(Partner::name).orElse(partnerId);
    }
}
