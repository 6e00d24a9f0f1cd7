package org.mashhub.hub.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mashhub.hub.consent.ConsentRegistry;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.events.CanonicalEvent;
import org.mashhub.schemas.events.ChildRecordEvent;
import org.mashhub.schemas.events.ConsentState;
import org.mashhub.schemas.events.DataCategory;
import org.mashhub.schemas.events.PartnerAnswerEvent;
import org.mashhub.schemas.events.Rag;
import org.mashhub.schemas.events.RecordType;
import org.mashhub.schemas.events.ReferralEvent;
import org.springframework.stereotype.Component;

/**
 * Decides, category by category, whether an event may go to the case system: SHARE, SHARE_UNDER_OVERRIDE,
 * REDACT (named fields removed and listed) or WITHHOLD (held for a manager), each with the rule that decided
 * (see {@code config/sharing/README.md}). The event's decision is the strictest of its categories'. It never
 * shares what an agreement does not cover: the rules fail closed.
 */
@Component
public class SharingPolicy {

    public enum Outcome { SHARE, SHARE_UNDER_OVERRIDE, REDACT, WITHHOLD }

    /** What was decided for one category, and why. */
    public record CategoryDecision(DataCategory category, Outcome outcome, String rule) {
    }

    /** A manager's release of a withheld event: a safeguarding override with its reason. */
    public record ManagerRelease(String reason, String decidedBy, Instant decidedAt) {
    }

    /**
     * The decision: the outcome and the rule of the category that decided it, the reason a person reads, the
     * event as it may be shared (with its sharing block and redactions; null when withheld), and every category.
     */
    public record Decision(Outcome outcome, String rule, String reason, String agreement, CanonicalEvent shared,
                           List<CategoryDecision> categories) {
    }

    private static final ZoneId UK = ZoneId.of("Europe/London");

    private final Agreements agreements;
    private final ConsentRegistry consents;
    private final Clock clock;

    public SharingPolicy(Agreements agreements, ConsentRegistry consents, Clock clock) {
        this.agreements = agreements;
        this.consents = consents;
        this.clock = clock;
    }

    public Decision decide(CanonicalEvent event, String partnerId, Optional<ManagerRelease> release) {
        if (PartnerRegistry.HUB_ITSELF.equals(partnerId)) {
            return own(event);
        }
        LocalDate today = LocalDate.now(clock.withZone(UK));
        Optional<Agreement> agreement = agreements.inForce(partnerId, today);
        if (agreement.isEmpty()) {
            return withheld("isa.missing", "no information sharing agreement is in force for partner " + partnerId, null,
                    event.dataCategories().stream().map(c -> new CategoryDecision(c, Outcome.WITHHOLD, "isa.missing")).toList());
        }
        if (event.dataCategories().isEmpty()) {
            return withheld("isa.category-not-covered", "the event names no data category", agreement.get().agreement(), List.of());
        }
        DataCategory primary = EventFields.primary(event);
        List<CategoryDecision> decisions = new ArrayList<>();
        ConsentState primaryConsent = null;
        for (DataCategory category : event.dataCategories()) {
            ConsentState consent = consents.current(event.child().hubChildId(), partnerId, category.code(), today)
                    .orElse(event.sharing() == null ? ConsentState.UNKNOWN : event.sharing().consent());
            if (category == primary) {
                primaryConsent = consent;
            }
            decisions.add(decideCategory(event, category, agreement.get().categories().get(category.code()), consent, release));
        }
        CategoryDecision deciding = decisions.stream().max((a, b) -> Integer.compare(a.outcome().ordinal(), b.outcome().ordinal()))
                .orElseThrow();
        String agreementId = agreement.get().agreement();
        if (deciding.outcome() == Outcome.WITHHOLD) {
            return withheld(deciding.rule(), reason(deciding), agreementId, decisions);
        }
        return new Decision(deciding.outcome(), deciding.rule(), reason(deciding), agreementId,
                shared(event, decisions, deciding, agreement.get(), primaryConsent, release), decisions);
    }

    private CategoryDecision decideCategory(CanonicalEvent event, DataCategory category, Agreement.Category terms,
                                            ConsentState consent, Optional<ManagerRelease> release) {
        boolean removable = !EventFields.of(event, category).isEmpty();
        if (terms == null) {
            return new CategoryDecision(category, Outcome.WITHHOLD, "isa.category-not-covered");
        }
        if (!terms.caseSystem()) {
            return new CategoryDecision(category, removable ? Outcome.REDACT : Outcome.WITHHOLD, "isa.recipient-not-allowed");
        }
        if (release.isPresent()) {
            return new CategoryDecision(category, Outcome.SHARE_UNDER_OVERRIDE, "override.manager");
        }
        if (consent == ConsentState.GIVEN) {
            return new CategoryDecision(category, Outcome.SHARE, "consent.given");
        }
        boolean refused = consent == ConsentState.REFUSED || consent == ConsentState.WITHDRAWN;
        if (!refused && !terms.consentRequired()) {
            return new CategoryDecision(category, Outcome.SHARE, "public-task");
        }
        String override = override(event);
        if (override != null) {
            return new CategoryDecision(category, Outcome.SHARE_UNDER_OVERRIDE, override);
        }
        if (refused) {
            String rule = consent == ConsentState.WITHDRAWN ? "consent.withdrawn" : "consent.refused";
            return new CategoryDecision(category, terms.redactIfRefused() && removable ? Outcome.REDACT : Outcome.WITHHOLD, rule);
        }
        return new CategoryDecision(category, Outcome.WITHHOLD, "consent.required-not-sought");
    }

    /** A safeguarding override the event itself carries: risk of significant harm, or a red rating (of a referral, or of a check). */
    private static String override(CanonicalEvent event) {
        if (event instanceof ReferralEvent referral && referral.concern() != null) {
            if (referral.concern().riskOfSignificantHarm()) {
                return "override.significant-harm";
            }
            if (referral.concern().rag() == Rag.RED) {
                return "override.red-rag";
            }
        }
        if (event instanceof ChildRecordEvent record && record.recordType() == RecordType.POLICE_CONTACT
                && "RED".equals(record.data().path("grading").asText(null))) {
            return "override.red-rag";
        }
        // The MASH asked partners under a RED rating: their answers are what it needs to keep the child safe now.
        if (event instanceof PartnerAnswerEvent answer && "RED".equals(answer.enquiry().rag())) {
            return "override.red-rag";
        }
        return null;
    }

    /** The event as it may go: its sharing block decided, its redacted fields removed and listed. */
    private CanonicalEvent shared(CanonicalEvent event, List<CategoryDecision> decisions, CategoryDecision deciding,
                                  Agreement agreement, ConsentState consent, Optional<ManagerRelease> release) {
        ObjectNode json = CanonicalJson.mapper().valueToTree(event);
        ArrayNode redactions = json.withArray("redactions");
        Set<String> lawfulBasis = new LinkedHashSet<>();
        for (CategoryDecision d : decisions) {
            Agreement.Category terms = agreement.categories().get(d.category().code());
            if (d.outcome() == Outcome.REDACT) {
                for (String pointer : EventFields.of(event, d.category())) {
                    if (remove(json, pointer)) {
                        redactions.addObject().put("pointer", pointer).put("category", d.category().code())
                                .put("reason", reason(d)).put("rule", d.rule());
                    }
                }
            } else if (terms != null) {
                lawfulBasis.addAll(terms.lawfulBasis());
            }
        }
        ObjectNode sharing = json.putObject("sharing");
        sharing.set("lawfulBasis", CanonicalJson.mapper().valueToTree(lawfulBasis.isEmpty() ? List.of("UK-GDPR-6-1-e") : lawfulBasis));
        sharing.put("consent", (consent == null ? ConsentState.UNKNOWN : consent).name());
        sharing.put("decision", deciding.outcome().name());
        sharing.put("rule", agreement.agreement() + "/" + deciding.rule());
        if (decisions.stream().anyMatch(d -> d.outcome() == Outcome.SHARE_UNDER_OVERRIDE)) {
            ObjectNode override = sharing.putObject("override");
            if (release.isPresent()) {
                override.put("reason", release.get().reason()).put("decidedBy", release.get().decidedBy())
                        .put("decidedAt", release.get().decidedAt().toString());
            } else {
                String partnerReason = event.sharing() != null && event.sharing().override() != null
                        ? event.sharing().override().reason() : null;
                String reason = partnerReason == null ? reasonOfOverride(decisions)
                        : reasonOfOverride(decisions) + " The partner's reason: " + partnerReason;
                override.put("reason", reason.length() > 2000 ? reason.substring(0, 1999) + "…" : reason);
                override.put("decidedBy", "hub sharing policy");
                override.put("decidedAt", clock.instant().toString());
            }
        }
        if (redactions.isEmpty()) {
            json.remove("redactions");
        }
        try {
            return CanonicalJson.mapper().treeToValue(json, CanonicalEvent.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reasonOfOverride(List<CategoryDecision> decisions) {
        boolean harm = decisions.stream().anyMatch(d -> d.rule().equals("override.significant-harm"));
        return harm ? "Shared without consent: the referrer judges the child at risk of significant harm."
                : "Shared without consent: the referral is rated RED.";
    }

    private static boolean remove(ObjectNode json, String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? json : json.at(pointer.substring(0, slash));
        return parent instanceof ObjectNode object && object.remove(pointer.substring(slash + 1)) != null;
    }

    /** The MASH's own record (its decisions, its notices) goes to the council's case system as the council's: no agreement applies. */
    private static Decision own(CanonicalEvent event) {
        ObjectNode json = CanonicalJson.mapper().valueToTree(event);
        ObjectNode sharing = json.putObject("sharing");
        sharing.putArray("lawfulBasis").add("UK-GDPR-6-1-e");
        sharing.put("consent", event.sharing() == null ? ConsentState.NOT_SOUGHT.name() : event.sharing().consent().name());
        sharing.put("decision", Outcome.SHARE.name()).put("rule", OWN_RECORD);
        try {
            return new Decision(Outcome.SHARE, OWN_RECORD, "the council's own record: its MASH decision, or a notice about its records",
                    null, CanonicalJson.mapper().treeToValue(json, CanonicalEvent.class),
                    event.dataCategories().stream().map(c -> new CategoryDecision(c, Outcome.SHARE, OWN_RECORD)).toList());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rule for the council's own record. */
    public static final String OWN_RECORD = "council.own-record";

    private static Decision withheld(String rule, String reason, String agreement, List<CategoryDecision> categories) {
        return new Decision(Outcome.WITHHOLD, rule, reason, agreement, null, categories);
    }

    /** What a person reads: the rule in words. */
    static String reason(CategoryDecision d) {
        String category = d.category().code();
        return switch (d.rule()) {
            case "isa.missing" -> "no information sharing agreement is in force for the partner";
            case "isa.category-not-covered" -> "the agreement does not cover " + category;
            case "isa.recipient-not-allowed" -> "the agreement does not let the case system receive " + category;
            case "consent.given" -> "consent given for " + category;
            case "public-task" -> category + " is shared under public task; consent not required";
            case "override.significant-harm" -> "shared without consent: risk of significant harm";
            case "override.red-rag" -> "shared without consent: rated RED";
            case "override.manager" -> "released by a manager";
            case "consent.refused" -> "consent refused by the partner for " + category;
            case "consent.withdrawn" -> "consent withdrawn for " + category;
            case "consent.required-not-sought" -> "the agreement needs consent for " + category + " and none is recorded";
            default -> d.rule();
        };
    }
}
