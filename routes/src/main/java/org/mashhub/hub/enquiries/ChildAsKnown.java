package org.mashhub.hub.enquiries;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.events.Identifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The child as each partner knows the child, from what partners sent (the hub's index holds names folded for matching):
 * what a request names the child by, and the name a list of checks shows.
 */
@Component
class ChildAsKnown {

    private final JdbcTemplate jdbc;
    private final PartnerRegistry partners;

    ChildAsKnown(JdbcTemplate jdbc, PartnerRegistry partners) {
        this.jdbc = jdbc;
        this.partners = partners;
    }

    /** The child's name as the latest partner wrote it (the hub's index holds names folded for matching). */
    Optional<String> name(String hubChildId) {
        List<String> ids = jdbc.queryForList("select hub_child_id from hub_child where hub_child_id = ? or merged_into = ?", String.class,
                hubChildId, hubChildId);
        JsonNode latest = ids.isEmpty() ? null : anyones(ids);
        String name = latest == null ? "" : (latest.at("/child/name/given").asText("") + " " + latest.at("/child/name/family").asText("")).trim();
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /**
     * The child as this partner knows the child: the name, date of birth and the partner's own identifiers and reference
     * from the latest it sent about the child, else the hub's name and date of birth; with the NHS Number for health and
     * the UPN for a school. A partner that never sent anything about the child gets the name and date of birth as the
     * latest partner wrote them. Never what other partners said of the child.
     */
    ObjectNode forPartner(String partnerId, String hubChildId, ObjectNode about) {
        List<String> ids = jdbc.queryForList("select hub_child_id from hub_child where hub_child_id = ? or merged_into = ?", String.class,
                hubChildId, hubChildId);
        JsonNode own = jdbc.queryForList("select payload from accepted_event where partner_id = ? and payload is not null "
                        + "and event_type in ('ReferralEvent', 'ChildRecordEvent') and hub_child_id in ("
                        + String.join(",", Collections.nCopies(ids.size(), "?")) + ") order by accepted_at desc limit 1", String.class,
                concat(partnerId, ids)).stream().findFirst().map(ChildAsKnown::parse).orElse(null);
        Map<String, Object> hub = jdbc.queryForMap("select given_names, family_names, birth_date, nhs_numbers, upns from hub_child where hub_child_id = ?",
                hubChildId);
        ObjectNode child = CanonicalJson.mapper().createObjectNode();
        ArrayNode identifiers = CanonicalJson.mapper().createArrayNode();
        if (own != null) {
            if (own.at("/child/name").isObject()) {
                child.set("name", own.at("/child/name"));
            }
            if (own.at("/child/birthDate").isTextual()) {
                child.set("birthDate", own.at("/child/birthDate"));
            }
            String prefix = "urn:mash-hub:id:partner:" + partnerId + ":";
            own.at("/child/identifiers").forEach(i -> {
                if (i.path("system").asText().startsWith(prefix)) {
                    identifiers.add(i);
                }
            });
            if (own.at("/source/reference").isTextual()) {
                about.put("reference", own.at("/source/reference").asText());
            }
        } else {
            JsonNode latest = anyones(ids);
            if (latest != null && latest.at("/child/name").isObject()) {
                // Its name and date of birth as the latest partner wrote them (not the hub's folded form); nothing else.
                child.set("name", latest.at("/child/name"));
                if (latest.at("/child/birthDate").isTextual()) {
                    child.set("birthDate", latest.at("/child/birthDate"));
                }
            } else {
                ObjectNode name = CanonicalJson.mapper().createObjectNode();
                first((String) hub.get("given_names")).ifPresent(g -> name.put("given", g));
                first((String) hub.get("family_names")).ifPresent(f -> name.put("family", f));
                if (!name.isEmpty()) {
                    child.set("name", name);
                }
                if (hub.get("birth_date") != null) {
                    child.put("birthDate", hub.get("birth_date").toString());
                }
            }
        }
        String agency = partners.agency(partnerId);
        if (agency.equals("health")) {
            values((String) hub.get("nhs_numbers")).forEach(n -> identifiers.addObject().put("system", Identifier.NHS_NUMBER).put("value", n));
        } else if (agency.equals("education")) {
            values((String) hub.get("upns")).forEach(u -> identifiers.addObject().put("system", Identifier.UPN).put("value", u));
        }
        if (!identifiers.isEmpty()) {
            child.set("identifiers", identifiers);
        }
        return child;
    }

    private JsonNode anyones(List<String> ids) {
        return jdbc.queryForList("select payload from accepted_event where payload is not null and event_type in ('ReferralEvent', 'ChildRecordEvent') "
                        + "and hub_child_id in (" + String.join(",", Collections.nCopies(ids.size(), "?")) + ") order by accepted_at desc limit 1",
                String.class, ids.toArray()).stream().findFirst().map(ChildAsKnown::parse).orElse(null);
    }

    private static Object[] concat(String first, List<String> rest) {
        List<Object> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all.toArray();
    }

    private static List<String> values(String joined) {
        return joined == null ? List.of() : Arrays.stream(joined.split("\\|")).filter(v -> !v.isBlank()).distinct().toList();
    }

    private static Optional<String> first(String joined) {
        return values(joined).stream().findFirst();
    }

    private static JsonNode parse(String payload) {
        try {
            return CanonicalJson.mapper().readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
