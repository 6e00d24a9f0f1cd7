package org.mashhub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.partner.PartnerKeys;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.PartnerHttpClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Someone trying. Made-up keys as fast as they can while a real partner sends: the made-up keys never take one of the
 * places messages are worked on in (two here, none to wait for), so the partner gets every receipt; the source is
 * answered 429 once it has failed twenty times in a minute; and the audit counts the failures in a few entries.
 * Guessing a member of staff's password: the account is locked after five failures, the source after eight here,
 * each for the lock-out period (five seconds here), its right password refused meanwhile.
 */
@TestPropertySource(properties = {"hub.ingest.max-concurrent-requests=2", "hub.ingest.admission-wait=0ms",
        "hub.security.failed-keys-per-minute=20", "hub.security.sign-in.max-failures-per-source=8",
        "hub.security.sign-in.max-failures-per-account=5",
        "hub.security.sign-in.lockout=5s", "hub.identity.max-load-bytes=64KB"})
class AttacksIT extends HubIntegrationTest {

    @Test
    void aChunkedLoadOverTheLimitIsRefusedAndLoadsNothing() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; lines.length() < 100 * 1024; i++) {
            lines.append("{\"caseSystemPersonId\":\"CS-CHUNK-").append(tag).append('-').append(i)
                    .append("\",\"givenName\":\"Ada\",\"familyName\":\"Chunked\",\"birthDate\":\"2015-01-01\"}\n");
        }
        byte[] body = lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // a stream of unknown length: sent chunked, with no Content-Length to refuse it by
        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/identity/children"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("engineer:test-engineer".getBytes()))
                .header("Content-Type", "application/x-ndjson")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(jdbc.queryForObject("select count(*) from child_identifier where id_value like ?", Long.class,
                "CS-CHUNK-" + tag + "%")).isZero();
    }

    @Test
    void guessingAPasswordLocksTheAccountThenTheSource() {
        for (int i = 0; i < 5; i++) {
            assertThat(http.getAsStaff("/api/v1/audit/verify", "manager", "guess-" + i).statusCode()).isEqualTo(401);
        }
        // locked: the right password is refused too, without being checked
        assertThat(http.getAsStaff("/mash/dashboard", "manager", "test-manager").statusCode()).isEqualTo(401);
        assertThat(http.getAsStaff("/mash/dashboard", "auditor", "test-auditor").statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(http.getAsStaff("/mash/dashboard", "guess-" + i, "guess").statusCode()).isEqualTo(401);
        }
        // eight failures from this address: everyone from it waits
        assertThat(http.getAsStaff("/mash/dashboard", "auditor", "test-auditor").statusCode()).isEqualTo(401);
        List<String> entries = audited().queryForList("""
                select action || ' ' || detail from audit_entry where action in ('SIGN_IN_FAILED', 'SIGN_IN_LOCKED')
                order by seq desc limit 10""", String.class);
        assertThat(entries).contains("SIGN_IN_LOCKED account user=manager", "SIGN_IN_LOCKED source",
                "SIGN_IN_FAILED user=manager bad-credentials");
        assertThat(entries.stream().filter(e -> e.startsWith("SIGN_IN_FAILED"))).hasSize(8);

        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> http.getAsStaff("/mash/dashboard", "manager", "test-manager").statusCode() == 200);
    }

    @Test
    void aFloodOfMadeUpKeysDoesNotStopARealPartner() throws Exception {
        context.getBean(FailedPartnerKeys.class).auditBatch(); // what earlier tests left uncounted
        long auditedBefore = audited().queryForObject("select count(*) from audit_entry where action = 'AUTHENTICATION_FAILED'", Long.class);
        ExecutorService attackers = Executors.newFixedThreadPool(16);
        List<Future<Integer>> flood = new ArrayList<>();
        for (int i = 0; i < 1_600; i++) {
            String key = i % 2 == 0 ? PartnerKeys.newKey("housing-test") : UUID.randomUUID().toString();
            flood.add(attackers.submit(() -> http.postHousing(key, HousingExamples.bytes(
                    HousingExamples.moveOf("housing-test", "Flood", "Keyson", "FLOOD-" + UUID.randomUUID()))).statusCode()));
        }
        List<Integer> partnerAnswers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = http.postHousing(PartnerHttpClient.HOUSING_KEY, HousingExamples.bytes(
                    HousingExamples.moveOf("housing-test", "Real", "Partnerson", "REAL-" + UUID.randomUUID())));
            partnerAnswers.add(response.statusCode());
        }
        List<Integer> floodAnswers = new ArrayList<>();
        for (Future<Integer> answer : flood) {
            floodAnswers.add(answer.get());
        }
        attackers.shutdown();

        assertThat(partnerAnswers).containsOnly(202);
        assertThat(floodAnswers).containsOnly(401, 429).contains(429);
        // twenty, and at most one more for each attacker's request already past the check when the twentieth failed
        assertThat(floodAnswers.stream().filter(s -> s == 401).count()).isLessThanOrEqualTo(20 + 16);

        context.getBean(FailedPartnerKeys.class).auditBatch();
        List<Map<String, Object>> entries = audited().queryForList("""
                select actor, partner_id, detail from audit_entry where action = 'AUTHENTICATION_FAILED' order by seq offset ?""",
                auditedBefore);
        // 401 and 429, with and without a claimed partner: four groups a batch, and a batch every ten seconds
        assertThat(entries).hasSizeBetween(2, 16);
        assertThat(entries.stream().mapToLong(e -> Long.parseLong(String.valueOf(e.get("detail")).replaceAll(".*count=(\\d+).*", "$1"))).sum())
                .isEqualTo(1_600);
        assertThat(entries).extracting(e -> e.get("partner_id")).contains("housing-test");
    }
}
