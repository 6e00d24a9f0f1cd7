package org.mashhub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mashhub.hub.testsupport.PartnerHttpClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HubIntegrationTest;

/**
 * What staff read and try is in the audit, and an auditor can find it: searches, matches and lists of children (one
 * entry per child shown, the criteria as field names), failed sign-ins and refusals; through
 * {@code GET /api/v1/audit/entries} and the audit page.
 */
class StaffAuditIT extends HubIntegrationTest {

    @Test
    void searchesAndMatchesAreAuditedPerChildAndAnAuditorFindsThem() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String family = "Auditson" + tag.replaceAll("[^a-z]", "");
        HttpResponse<String> load = http.postAsStaff("/api/v1/identity/children", "engineer", "test-engineer",
                "{\"caseSystemPersonId\":\"CS-AUD-" + tag + "\",\"givenName\":\"Rowan\",\"familyName\":\"" + family
                        + "\",\"birthDate\":\"2016-02-11\",\"sex\":\"female\",\"postcode\":\"EX4 1AA\"}\n");
        assertThat(load.statusCode()).as(load.body()).isEqualTo(200);
        String hubChildId = jdbc.queryForObject("select hub_child_id from child_identifier "
                + "where id_system = 'urn:mash-hub:id:case-system-person' and id_value = ?", String.class, "CS-AUD-" + tag);

        HttpResponse<String> search = http.getAsStaff("/mash/search?given=Rowan&family=" + family + "&birthDate=2016-02-11",
                "practitioner", "test-practitioner");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains(family);
        HttpResponse<String> match = http.postAsStaff("/api/v1/identity/match", "manager", "test-manager",
                "{\"givenName\":\"Rowan\",\"familyName\":\"" + family + "\",\"birthDate\":\"2016-02-11\"}");
        assertThat(json(match).get("hubChildId").asText()).isEqualTo(hubChildId);

        JsonNode byChild = json(http.getAsStaff("/api/v1/audit/entries?hubChildId=" + hubChildId, "auditor", "test-auditor"));
        List<String> seen = byChild.get("entries").findValuesAsText("detail");
        assertThat(byChild.get("entries").findValuesAsText("actor")).contains("staff:practitioner", "staff:manager");
        assertThat(seen).anySatisfy(d -> assertThat(d).startsWith("search fields=birthDate,family,given"))
                .anySatisfy(d -> assertThat(d).startsWith("identity-match outcome=MATCH fields=givenName,familyName,birthDate"));
        // the criteria's names, never their values
        assertThat(byChild.toString()).doesNotContain(family, "2016-02-11");

        JsonNode byActor = json(http.getAsStaff("/api/v1/audit/entries?actor=manager&action=VIEWED&size=5", "auditor", "test-auditor"));
        assertThat(byActor.get("size").asInt()).isEqualTo(5);
        assertThat(byActor.get("entries").findValuesAsText("actor")).isNotEmpty().containsOnly("staff:manager");
        assertThat(byActor.get("entries").findValuesAsText("action")).containsOnly("VIEWED");

        String page = http.getAsStaff("/mash/audit?hubChildId=" + hubChildId, "auditor", "test-auditor").body();
        assertThat(page).contains("id=\"audit-entries\"", "staff:practitioner", "identity-match outcome=MATCH");
    }

    @Test
    void theInboxAndTheListOfReviewsAreAudited() {
        long before = audited().queryForObject("select coalesce(max(seq), 0) from audit_entry", Long.class);
        assertThat(http.getAsStaff("/mash", "practitioner", "test-practitioner").statusCode()).isEqualTo(200);
        assertThat(http.getAsStaff("/mash/reviews", "manager", "test-manager").statusCode()).isEqualTo(200);
        assertThat(http.getAsStaff("/api/v1/identity/reviews", "practitioner", "test-practitioner").statusCode()).isEqualTo(200);

        assertThat(audited().queryForList("select actor || ' ' || detail from audit_entry where seq > ? and action = 'VIEWED'",
                String.class, before))
                .anySatisfy(e -> assertThat(e).startsWith("staff:practitioner inbox page=1 shown="))
                .anySatisfy(e -> assertThat(e).startsWith("staff:manager identity-reviews reviews="))
                .anySatisfy(e -> assertThat(e).startsWith("staff:practitioner identity-reviews status=OPEN"));
    }

    @Test
    void failedSignInsAndRefusalsAreAuditedAndAuditorsAloneSearchTheAudit() {
        String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(http.getAsStaff("/api/v1/audit/entries", nobody, "guess").statusCode()).isEqualTo(401);
        assertThat(http.getAsStaff("/api/v1/audit/entries", "practitioner", "test-practitioner").statusCode()).isEqualTo(403);
        assertThat(http.getAsStaff("/api/v1/identity/match", "engineer", "test-engineer").statusCode()).isEqualTo(403);

        JsonNode failed = json(http.getAsStaff("/api/v1/audit/entries?action=SIGN_IN_FAILED&size=20", "auditor", "test-auditor"));
        assertThat(failed.get("entries").findValuesAsText("detail")).contains("user=" + nobody + " bad-credentials");
        JsonNode denied = json(http.getAsStaff("/api/v1/audit/entries?action=ACCESS_DENIED&size=50", "auditor", "test-auditor"));
        assertThat(denied.get("entries")).anySatisfy(e -> {
            assertThat(e.get("actor").asText()).isEqualTo("staff:practitioner");
            assertThat(e.get("detail").asText()).contains("GET /api/v1/audit/entries");
        }).anySatisfy(e -> assertThat(e.get("actor").asText() + " " + e.get("detail").asText())
                .isEqualTo("staff:engineer status=403 path=GET /api/v1/identity/match"));
    }

    @Test
    void badCriteriaAreA400() {
        HttpResponse<String> response = http.getAsStaff("/api/v1/audit/entries?from=" + URLEncoder.encode("31/11/2026",
                StandardCharsets.UTF_8), "auditor", "test-auditor");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("detail").asText()).contains("from must be a date");
        // A UK date is a date: the day from its start, UK time.
        assertThat(http.getAsStaff("/api/v1/audit/entries?from=" + URLEncoder.encode("30/11/2026", StandardCharsets.UTF_8)
                + "&to=30/11/2026", "auditor", "test-auditor").statusCode()).isEqualTo(200);
        assertThat(http.getAsStaff("/api/v1/audit/entries?action=NOT_AN_ACTION", "auditor", "test-auditor").statusCode()).isEqualTo(400);
        assertThat(http.getAsStaff("/api/v1/audit/entries?size=100000", "auditor", "test-auditor").statusCode()).isEqualTo(400);
    }
}
