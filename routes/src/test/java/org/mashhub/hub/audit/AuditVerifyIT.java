package org.mashhub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mashhub.hub.testsupport.PartnerHttpClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code GET /api/v1/audit/verify} over HTTP, for auditors only, against a chain someone has edited with SQL. */
class AuditVerifyIT extends HubIntegrationTest {

    @Autowired
    AuditTrail auditTrail;

    @Test
    void onlyAnAuditorMayVerify() {
        assertThat(http.getAsStaff("/api/v1/audit/verify", null, null).statusCode()).isEqualTo(401);
        assertThat(http.getAsStaff("/api/v1/audit/verify", "auditor", "wrong").statusCode()).isEqualTo(401);
        assertThat(http.getAsStaff("/api/v1/audit/verify", "practitioner", "test-practitioner").statusCode()).isEqualTo(403);
        assertThat(http.getAsStaff("/api/v1/audit/verify", "engineer", "test-engineer").statusCode()).isEqualTo(403);
        assertThat(http.getAsStaff("/api/v1/audit/verify", "auditor", "test-auditor").statusCode()).isEqualTo(200);
    }

    @Test
    void anIntactChainVerifiesAndAnEditedEntryIsNamed() {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(AuditRecord.of(AuditAction.RECEIVED).actor("partner:housing-test").partnerId("housing-test")
                    .correlationId("verify-it-" + i).detail("events=1"));
        }
        auditTrail.append(records);

        JsonNode intact = json(http.getAsStaff("/api/v1/audit/verify", "auditor", "test-auditor"));
        assertThat(intact.get("valid").asBoolean()).isTrue();
        assertThat(intact.get("entries").asLong()).isGreaterThanOrEqualTo(20);
        assertThat(intact.get("firstBrokenAt").isNull()).isTrue();

        long edited = jdbc.queryForObject("select seq from audit_entry where correlation_id = 'verify-it-7' order by seq desc limit 1",
                Long.class);
        jdbc.update("update audit_entry set detail = 'events=0' where seq = ?", edited);

        HttpResponse<String> response = http.getAsStaff("/api/v1/audit/verify", "auditor", "test-auditor");
        JsonNode broken = json(response);
        assertThat(broken.get("valid").asBoolean()).isFalse();
        assertThat(broken.get("firstBrokenAt").asLong()).isEqualTo(edited);

        jdbc.update("update audit_entry set detail = 'events=1' where seq = ?", edited);
        assertThat(json(http.getAsStaff("/api/v1/audit/verify", "auditor", "test-auditor")).get("valid").asBoolean()).isTrue();
    }
}
