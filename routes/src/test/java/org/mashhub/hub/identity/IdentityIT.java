package org.mashhub.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.casesystem.SimulatedCaseSystem;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.PartnerHttpClient;
import org.mashhub.schemas.CanonicalJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

/**
 * The child index through the whole hub: the case system's children loaded over NDJSON, descriptions
 * matched read-only, partner messages linked in the pipeline, and the review queue worked by staff.
 * Every child is made up; each test uses names and birth dates of its own.
 */
class IdentityIT extends HubIntegrationTest {

    static final String MATCH = "/api/v1/identity/match";

    @Autowired
    MeterRegistry meters;

    @Test
    void aNicknameASurnameChangeAndADayMonthSwapAllFindTheKnownChild() {
        String tag = tag();
        load(child("CS-" + tag + "-1", null, "William", "Fictionby" + tag, "2014-03-07", "male", "PL19 9ZZ"),
                child("CS-" + tag + "-2", null, "Ava", "Samplewood" + tag, "2016-09-30", "female", "EX4 9ZZ"),
                child("CS-" + tag + "-3", null, "Lily", "Madeupson" + tag, "2015-04-09", "female", "EX2 8ZZ"));

        JsonNode nickname = match(query(null, "Bill", "Fictionby" + tag, "2014-03-07", "male", "PL19 9ZZ"));
        JsonNode swapped = match(query(null, "Lily", "Madeupson" + tag, "2015-09-04", "female", "EX2 8ZZ"));
        JsonNode surname = match(query(null, "Ava", "Exampleton" + tag, "2016-09-30", "female", "EX4 9ZZ"));

        assertThat(nickname.get("outcome").asText()).isEqualTo("MATCH");
        assertThat(nickname.get("caseSystemPersonId").asText()).isEqualTo("CS-" + tag + "-1");
        assertThat(fieldLevel(nickname, "GIVEN_NAME")).isEqualTo("NICKNAME");
        assertThat(swapped.get("outcome").asText()).isEqualTo("MATCH");
        assertThat(fieldLevel(swapped, "BIRTH_DATE")).isEqualTo("SWAPPED");
        // A changed surname with everything else the same is for a person to decide, not a guess.
        assertThat(surname.get("outcome").asText()).isIn("MATCH", "REVIEW");
        assertThat(surname.at("/candidates/0/caseSystemPersonId").asText()).isEqualTo("CS-" + tag + "-2");
        assertThat(nickname.at("/candidates/0/fields")).hasSize(7);
    }

    @Test
    void twinsAreTwoChildrenAndSiblingsInOneMessageAreAHouseholdNeverOne() {
        String tag = tag();
        String family = "Madeupson" + tag;
        load(child("CS-" + tag + "-T", null, "Theo", family, "2022-08-02", "male", "EX2 8ZZ"),
                child("CS-" + tag + "-L", null, "Leo", family, "2022-08-02", "male", "EX2 8ZZ"));

        assertThat(match(query(null, "Theo", family, "2022-08-02", "male", "EX2 8ZZ")).get("caseSystemPersonId").asText())
                .isEqualTo("CS-" + tag + "-T");
        assertThat(match(query(null, "Leo", family, "2022-08-02", "male", "EX2 8ZZ")).get("caseSystemPersonId").asText())
                .isEqualTo("CS-" + tag + "-L");
        // A slip of one twin's name is that twin; another name is neither.
        assertThat(match(query(null, "Thoe", family, "2022-08-02", "male", "EX2 8ZZ")).get("caseSystemPersonId").asText())
                .isEqualTo("CS-" + tag + "-T");
        assertThat(match(query(null, "Ezra", family, "2022-08-02", "male", "EX2 8ZZ")).get("outcome").asText())
                .isNotEqualTo("MATCH");

        ObjectNode notification = housing(tag);
        ArrayNode members = (ArrayNode) notification.get("household").get("members");
        ((ObjectNode) members.get(1)).put("givenName", "Isla").put("familyName", "Mockford" + tag).put("birthDate", "2020-01-15")
                .remove("nhsNumber");
        members.addObject().put("memberId", "3").put("role", "CHILD").put("relationshipToApplicant", "son")
                .put("givenName", "Rory").put("familyName", "Mockford" + tag).put("birthDate", "2017-05-21").put("sex", "male");
        HttpResponse<String> accepted = http.postHousing(PartnerHttpClient.HOUSING_KEY, HousingExamples.bytes(notification));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String receipt = PartnerHttpClient.json(accepted).get("receipt").asText();

        List<String> children = jdbc.queryForList("select distinct hub_child_id from accepted_event where hub_message_id = ?",
                String.class, receipt);
        assertThat(children).hasSize(2);
        assertThat(jdbc.queryForObject("select count(*) from child_relation where relation = 'HOUSEHOLD' and hub_child_id = ? "
                + "and related_hub_child_id = ?", Integer.class, children.get(0), children.get(1))).isEqualTo(1);
    }

    @Test
    void namesakesAtOneAddressWithDifferentBirthDatesAreNeverMatched() {
        String tag = tag();
        String family = "Samplewood" + tag;
        load(child("CS-" + tag, null, "Jack", family, "2015-04-19", "male", "EX2 8ZZ"));

        for (String born : List.of("2015-04-26", "2015-05-19", "2016-04-19", "2018-04-19", "2011-09-02")) {
            JsonNode namesake = match(query(null, "Jack", family, born, "male", "EX2 8ZZ"));
            assertThat(namesake.get("outcome").asText()).as(born + ": " + namesake).isNotEqualTo("MATCH");
        }
        // Through a partner's message: the namesake is filed as a child of its own, never linked to the known child.
        ObjectNode notification = housing(tag);
        ((ObjectNode) notification.get("household").get("members").get(1)).put("givenName", "Jack").put("familyName", family)
                .put("birthDate", "2016-04-19").put("sex", "male").remove("nhsNumber");
        String receipt = PartnerHttpClient.json(http.postHousing(PartnerHttpClient.HOUSING_KEY, HousingExamples.bytes(notification)))
                .get("receipt").asText();
        assertThat(childOf(receipt)).isNotEqualTo(hubChildOf("CS-" + tag));
        assertThat(jdbc.queryForObject("select birth_date from hub_child where hub_child_id = ?", java.sql.Date.class,
                hubChildOf("CS-" + tag)).toString()).isEqualTo("2015-04-19");
    }

    @Test
    void aDoubleTypoWithTheBirthDateAgreeingIsFound() {
        String tag = tag();
        load(child("CS-" + tag, null, "Penelope", "Hartwright" + tag, "2016-02-11", "female", "EX4 9ZZ"));

        // A key next to the right one in the given name, two letters swapped in the family name, no address.
        JsonNode typos = match(query(null, "Penelopw", "Hartwrihgt" + tag, "2016-02-11", "female", null));
        // And both names mistyped after a move.
        JsonNode moved = match(query(null, "Penleope", "Hartwrigt" + tag, "2016-02-11", null, "PL19 9ZZ"));

        for (JsonNode found : List.of(typos, moved)) {
            assertThat(found.get("outcome").asText()).as(found.toString()).isIn("MATCH", "REVIEW");
            assertThat(found.at("/candidates/0/caseSystemPersonId").asText()).as(found.toString()).isEqualTo("CS-" + tag);
        }
        assertThat(fieldLevel(typos, "GIVEN_NAME")).isEqualTo("TYPO");
    }

    @Test
    void aConflictingBirthDateIsShownAndQueuedNotOverwritten() {
        String tag = tag();
        String nhs = nhsNumber();
        load(child("CS-" + tag, nhs, "Isla", "Mockford" + tag, "2020-01-15", "F", "EX16 9ZZ"));
        String known = hubChildOf("CS-" + tag);

        // Housing writes the child down with the NHS Number and another date of birth.
        ObjectNode notification = housing(tag);
        ((ObjectNode) notification.get("household").get("members").get(1)).put("familyName", "Mockford" + tag)
                .put("birthDate", "2020-01-18").put("nhsNumber", nhs);
        HttpResponse<String> accepted = http.postHousing(PartnerHttpClient.HOUSING_KEY, HousingExamples.bytes(notification));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String receipt = PartnerHttpClient.json(accepted).get("receipt").asText();

        // Linked by the NHS Number, the child's own date of birth kept, each source's date kept beside it.
        assertThat(childOf(receipt)).isEqualTo(known);
        assertThat(jdbc.queryForObject("select birth_date from hub_child where hub_child_id = ?", java.sql.Date.class, known).toString())
                .isEqualTo("2020-01-15");
        assertThat(jdbc.queryForList("select detail_value || ' ' || source from child_detail where hub_child_id = ? and field = 'BIRTH_DATE'",
                String.class, known)).containsExactlyInAnyOrder("2020-01-15 case-system", "2020-01-18 housing-test");

        // Queued for a person.
        JsonNode review = json(staff("GET", "/api/v1/identity/reviews/"
                + jdbc.queryForObject("select review_id from identity_review where hub_message_id = ?", String.class, receipt), "practitioner", null));
        assertThat(review.get("kind").asText()).isEqualTo("BIRTH_DATE_CONFLICT");
        assertThat(review.get("provisionalHubChildId").asText()).isEqualTo(known);
        assertThat(review.get("reason").asText()).contains("2020-01-15").contains("2020-01-18");

        // Shown side by side, with who said which.
        HttpResponse<String> page = http.getAsStaff("/mash/children/" + known, "practitioner", "test-practitioner");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Details by source").contains("15 January 2020").contains("18 January 2020")
                .contains("Sources differ").contains("from case system").contains("Born <span id=\"birth-date\">15 January 2020");

        // The same date again from the same partner asks nobody again.
        ObjectNode again = housing(tag);
        again.put("caseReference", "IT2-" + tag);
        ((ObjectNode) again.get("household").get("members").get(1)).put("familyName", "Mockford" + tag)
                .put("birthDate", "2020-01-18").put("nhsNumber", nhs);
        String second = PartnerHttpClient.json(http.postHousing(PartnerHttpClient.HOUSING_KEY, HousingExamples.bytes(again)))
                .get("receipt").asText();
        assertThat(jdbc.queryForList("select review_id from identity_review where hub_message_id = ?", String.class, second)).isEmpty();

        // A person finds the record is about another child: its events move to a new child; the known child keeps its date.
        String reviewId = review.get("reviewId").asText();
        HttpResponse<String> separated = staff("POST", "/api/v1/identity/reviews/" + reviewId + "/new-child", "practitioner",
                "{\"reason\":\"housing confirmed another child of the family\"}");
        assertThat(separated.statusCode()).as(separated.body()).isEqualTo(200);
        String other = json(separated).get("linkedHubChildId").asText();
        assertThat(other).isNotEqualTo(known);
        assertThat(childOf(receipt)).isEqualTo(other);
        assertThat(audited().queryForList("select actor from audit_entry where action = 'IDENTITY_CONFIRMED_NEW' and hub_child_id = ?",
                String.class, other)).containsExactly("staff:practitioner");
        // The case system hears which of the events it holds under the known child are the other child's.
        JsonNode notice = awaitNotices(known, "CHILDREN_SEPARATED", 1).get(0).event();
        assertThat(notice.at("/data/newHubChildId").asText()).isEqualTo(other);
        assertThat(textsOf(notice.at("/data/movedEventIds"))).containsExactlyElementsOf(
                jdbc.queryForList("select event_id from accepted_event where hub_message_id = ? and hub_child_id = ? order by event_index",
                        String.class, receipt, other));
        assertThat(notice.at("/data/reviewId").asText()).isEqualTo(reviewId);
        assertThat(notice.at("/source/partnerId").asText()).isEqualTo("mash-hub");
    }

    @Test
    void sexIsTakenAsTheNhsPersonStatedGenderCodesAndAsLetters() {
        String tag = tag();
        load(child("CS-" + tag, null, "Robin", "Codeworth" + tag, "2013-07-01", "2", null));

        JsonNode asLetter = match(query(null, "Robin", "Codeworth" + tag, "2013-07-01", "F", null));
        JsonNode asWord = match(query(null, "Robin", "Codeworth" + tag, "2013-07-01", "female", null));
        JsonNode other = match(query(null, "Robin", "Codeworth" + tag, "2013-07-01", "1", null));

        assertThat(fieldLevel(asLetter, "SEX")).isEqualTo("EXACT");
        assertThat(fieldLevel(asWord, "SEX")).isEqualTo("EXACT");
        assertThat(fieldLevel(other, "SEX")).isEqualTo("DIFFERENT");
        assertThat(staff("POST", MATCH, "practitioner", query(null, "Robin", "Codeworth", "2013-07-01", "7", null)).statusCode())
                .isEqualTo(422);
    }

    /** The partner sends the same doubtful record twice: two cards, and linking one closes the other with it. */
    @Test
    void linkingAPossibleMatchClosesTheOtherCardsAboutTheSameRecord() {
        String tag = tag();
        String nhs = nhsNumber();
        load(child("CS-" + tag, nhs, "Kai", "Inventedley" + tag, "2011-12-03", "male", "PL19 9ZZ"));
        String known = hubChildOf("CS-" + tag);
        List<String> reviewIds = new java.util.ArrayList<>();
        for (int copy = 0; copy < 2; copy++) {
            ObjectNode notification = housing(tag + "-" + copy);
            ((ObjectNode) notification.get("household").get("members").get(1)).put("givenName", "Zara").put("familyName", "Otherperson" + tag)
                    .put("birthDate", "2019-05-05").put("sex", "female").put("nhsNumber", nhs);
            String receipt = PartnerHttpClient.json(http.postHousing(PartnerHttpClient.HOUSING_KEY, HousingExamples.bytes(notification)))
                    .get("receipt").asText();
            reviewIds.addAll(jdbc.queryForList("select review_id from identity_review where hub_message_id = ?", String.class, receipt));
        }
        assertThat(reviewIds).as("one card per message").hasSize(2);

        HttpResponse<String> linked = staff("POST", "/api/v1/identity/reviews/" + reviewIds.get(0) + "/link", "practitioner",
                "{\"hubChildId\":\"" + known + "\",\"reason\":\"school confirmed: the same child under a new name\"}");
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
        JsonNode other = json(staff("GET", "/api/v1/identity/reviews/" + reviewIds.get(1), "practitioner", null));
        assertThat(other.get("status").asText()).isEqualTo("LINKED");
        assertThat(other.get("linkedHubChildId").asText()).isEqualTo(known);
        assertThat(other.get("decisionReason").asText()).startsWith("with review " + reviewIds.get(0));
        assertThat(jdbc.queryForList("select distinct coalesce(c.merged_into, c.hub_child_id) from identity_review r join hub_child c "
                + "on c.hub_child_id = r.provisional_hub_child_id where r.review_id in (?, ?)", String.class, reviewIds.toArray()))
                .containsExactly(known);
        assertThat(audited().queryForList("select detail from audit_entry where action = 'IDENTITY_LINKED' and hub_child_id = ?",
                String.class, known)).anySatisfy(d -> assertThat(d).isEqualTo("review=" + reviewIds.get(1) + " closed with review="
                + reviewIds.get(0)));
    }

    @Test
    void aMistypedNhsNumberIsNoEvidenceAndAnotherValidOneIsNeverLinked() {
        String tag = tag();
        String nhs = nhsNumber();
        load(child("CS-" + tag, nhs, "Kai", "Inventedley" + tag, "2011-12-03", "male", "PL19 9ZZ"));

        JsonNode mistyped = match(query(mistype(nhs), "Kai", "Inventedley" + tag, "2011-12-03", "male", "PL19 9ZZ"));
        JsonNode other = match(query(nhsNumber(), "Kai", "Inventedley" + tag, "2011-12-03", "male", "PL19 9ZZ"));
        JsonNode exact = match(query(nhs, "Kai", "Inventedley" + tag, "2011-12-03", "male", null));

        assertThat(mistyped.get("outcome").asText()).as(mistyped.toString()).isEqualTo("MATCH");
        assertThat(mistyped.get("via").asText()).isEqualTo("probabilistic");
        assertThat(other.get("outcome").asText()).as(other.toString()).isNotEqualTo("MATCH");
        assertThat(exact.get("outcome").asText()).isEqualTo("MATCH");
        assertThat(exact.get("via").asText()).isEqualTo("identifier");
    }

    @Test
    void aValidNhsNumberWithConflictingDemographicsGoesToReviewAndIsLinkedOnlyByAPerson() {
        String tag = tag();
        String nhs = nhsNumber();
        load(child("CS-" + tag, nhs, "Kai", "Inventedley" + tag, "2011-12-03", "male", "PL19 9ZZ"));
        String known = hubChildOf("CS-" + tag);
        int childrenBefore = jdbc.queryForObject("select count(*) from hub_child", Integer.class);

        // The match API only answers.
        assertThat(match(query(nhs, "Zara", "Otherperson" + tag, "2019-05-05", "female", null)).get("outcome").asText())
                .isEqualTo("REVIEW");
        assertThat(jdbc.queryForObject("select count(*) from hub_child", Integer.class)).isEqualTo(childrenBefore);

        // A partner's message about that NHS Number with another child's demographics: not linked silently.
        ObjectNode notification = housing(tag);
        ((ObjectNode) notification.get("household").get("members").get(1)).put("givenName", "Zara").put("familyName", "Otherperson" + tag)
                .put("birthDate", "2019-05-05").put("sex", "female").put("nhsNumber", nhs);
        String receipt = PartnerHttpClient.json(http.postHousing(PartnerHttpClient.HOUSING_KEY, HousingExamples.bytes(notification)))
                .get("receipt").asText();
        String provisional = jdbc.queryForObject("select hub_child_id from accepted_event where hub_message_id = ?", String.class, receipt);
        assertThat(provisional).isNotEqualTo(known);
        assertThat(audited().queryForObject("select detail from audit_entry where hub_message_id = ? and action = 'MATCHED'", String.class,
                receipt)).contains("outcome=REVIEW");
        String reviewId = jdbc.queryForObject("select review_id from identity_review where hub_message_id = ?", String.class, receipt);

        JsonNode review = json(staff("GET", "/api/v1/identity/reviews/" + reviewId, "practitioner", null));
        assertThat(review.get("reason").asText()).contains("demographics strongly disagree");
        assertThat(review.at("/candidates/0/hubChildId").asText()).isEqualTo(known);
        assertThat(review.at("/subject/name/given").asText()).isEqualTo("Zara");

        HttpResponse<String> linked = staff("POST", "/api/v1/identity/reviews/" + reviewId + "/link", "practitioner",
                "{\"hubChildId\":\"" + known + "\",\"reason\":\"school confirmed: the same child, recorded under a new name\"}");
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
        assertThat(json(linked).get("status").asText()).isEqualTo("LINKED");
        assertThat(jdbc.queryForObject("select merged_into from hub_child where hub_child_id = ?", String.class, provisional))
                .isEqualTo(known);
        assertThat(audited().queryForList("select actor from audit_entry where action = 'IDENTITY_LINKED' and hub_child_id = ?",
                String.class, known)).containsExactly("staff:practitioner");
        assertThat(audited().queryForList("select action from audit_entry where action = 'VIEWED' and hub_child_id = ?",
                String.class, provisional)).hasSize(1);
        // The case system hears it, as the next of the known child's events, with nothing of the child but the ids.
        SimulatedCaseSystem.Received notice = awaitNotices(known, "CHILDREN_LINKED", 1).get(0);
        assertThat(notice.event().at("/data/linkedHubChildId").asText()).isEqualTo(provisional);
        assertThat(notice.event().at("/data/reviewId").asText()).isEqualTo(reviewId);
        assertThat(notice.event().at("/data/decidedBy").asText()).isEqualTo("staff:practitioner");
        assertThat(notice.event().get("child").toString()).isEqualTo("{\"hubChildId\":\"" + known + "\",\"identifiers\":[]}");
        assertThat(notice.event().at("/sharing/rule").asText()).isEqualTo("council.own-record");
        assertThat(notice.childSequence()).isEqualTo(jdbc.queryForObject(
                "select max(child_sequence) from accepted_event where hub_child_id = ?", Long.class, known));
        HttpResponse<String> again = staff("POST", "/api/v1/identity/reviews/" + reviewId + "/new-child", "practitioner", "{}");
        assertThat(again.statusCode()).isEqualTo(409);
        // The partner's next message about that child is now linked to it without asking again.
        JsonNode next = match(query(nhs, "Zara", "Otherperson" + tag, "2019-05-05", "female", null));
        assertThat(next.get("outcome").asText()).as(next.toString()).isEqualTo("MATCH");
        assertThat(next.get("hubChildId").asText()).isEqualTo(known);
    }

    @Test
    void aPossibleMatchConfirmedAsANewChildStaysItsOwnChildAndIsAudited() {
        String tag = tag();
        String nhs = nhsNumber();
        load(child("CS-" + tag, nhs, "Mia", "Placeholder" + tag, "2014-06-08", "female", "EX4 9ZZ"));
        ObjectNode notification = housing(tag);
        // The known child's NHS Number on a child with nothing else in common: a person decides.
        ((ObjectNode) notification.get("household").get("members").get(1)).put("givenName", "Oscar")
                .put("familyName", "Notarealname" + tag).put("birthDate", "2019-11-02").put("sex", "male").put("nhsNumber", nhs);
        String receipt = PartnerHttpClient.json(http.postHousing(PartnerHttpClient.HOUSING_KEY, HousingExamples.bytes(notification)))
                .get("receipt").asText();
        String reviewId = jdbc.queryForObject("select review_id from identity_review where hub_message_id = ?", String.class, receipt);

        HttpResponse<String> confirmed = staff("POST", "/api/v1/identity/reviews/" + reviewId + "/new-child", "practitioner",
                "{\"reason\":\"a different child: the NHS Number was mistyped by the partner\"}");

        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(json(confirmed).get("status").asText()).isEqualTo("NEW_CHILD");
        String provisional = json(confirmed).get("provisionalHubChildId").asText();
        assertThat(provisional).isNotEqualTo(hubChildOf("CS-" + tag));
        assertThat(jdbc.queryForObject("select merged_into from hub_child where hub_child_id = ?", String.class, provisional)).isNull();
        assertThat(audited().queryForList("select actor from audit_entry where action = 'IDENTITY_CONFIRMED_NEW' and hub_child_id = ?",
                String.class, provisional)).containsExactly("staff:practitioner");
        assertThat(json(staff("GET", "/api/v1/identity/reviews?status=NEW_CHILD&limit=500", "practitioner", null))
                .findValuesAsText("reviewId")).contains(reviewId);
    }

    @Test
    void anUnbornChildIsKnownByItsMothersNhsNumberUntilItHasItsOwnAndHerNextPregnancyIsAnotherChild() throws IOException {
        String mother = nhsNumber();
        String baby = nhsNumber();
        String preBirth = health("message-pre-birth-concern.json", mother, baby);
        String birth = health("message-birth-notification.json", mother, baby);

        String unborn = childOf(sendHealth(preBirth));
        assertThat(jdbc.queryForObject("select unborn from hub_child where hub_child_id = ?", Boolean.class, unborn)).isTrue();
        String born = childOf(sendHealth(birth));
        assertThat(born).isEqualTo(unborn);
        assertThat(jdbc.queryForObject("select unborn from hub_child where hub_child_id = ?", Boolean.class, born)).isFalse();
        assertThat(jdbc.queryForList("select id_system from child_identifier where hub_child_id = ?", String.class, born))
                .contains("https://fhir.nhs.uk/Id/nhs-number").doesNotContain("urn:mash-hub:id:unborn-child-of-nhs-number");

        String nextPregnancy = childOf(sendHealth(health("message-pre-birth-concern.json", mother, baby)));
        assertThat(nextPregnancy).isNotEqualTo(born);
    }

    @Test
    void aLoadReportsEveryBadLineAndCountsTheRest() {
        String tag = tag();
        String body = child("CS-" + tag + "-1", null, "Ruby", "Testname" + tag, "2013-02-02", "female", null) + "\n"
                + "{\"caseSystemPersonId\":\"CS-" + tag + "-2\",\"givenName\":\"\",\"familyName\":\"X\",\"birthDate\":\"2099-01-01\","
                + "\"sex\":\"cat\",\"nhsNumber\":\"1234567890\"}\n"
                + "not json\n"
                + child("CS-" + tag + "-1", null, "Ruby", "Testname" + tag, "2013-02-02", "female", "EX1 9ZZ") + "\n";

        HttpResponse<String> response = staff("POST", "/api/v1/identity/children", "engineer", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode summary = json(response);
        assertThat(summary.get("lines").asInt()).isEqualTo(4);
        assertThat(summary.get("created").asInt()).isEqualTo(1);
        assertThat(summary.get("rejected").asInt()).isEqualTo(3);
        assertThat(summary.get("problems").findValuesAsText("pointer"))
                .contains("/givenName", "/birthDate", "/sex", "/nhsNumber", "");
        assertThat(summary.get("problems").findValuesAsText("line")).contains("2", "3", "4");
    }

    @Test
    void onlyPractitionersAndManagersMayMatchEngineersOnlyLoad() {
        String body = query(null, "Lily", "Madeupson", "2015-04-19", "female", null);
        assertThat(staff("POST", MATCH, "auditor", body).statusCode()).isEqualTo(403);
        assertThat(staff("POST", MATCH, null, body).statusCode()).isEqualTo(401);
        assertThat(staff("POST", MATCH, "practitioner", body).statusCode()).isEqualTo(200);
        assertThat(staff("POST", MATCH, "manager", body).statusCode()).isEqualTo(200);
        // engineers see ids and counts, never a child's details
        assertThat(staff("POST", MATCH, "engineer", body).statusCode()).isEqualTo(403);
        assertThat(staff("GET", "/api/v1/identity/reviews", "engineer", null).statusCode()).isEqualTo(403);
        assertThat(staff("POST", "/api/v1/identity/children", "practitioner", "").statusCode()).isEqualTo(403);
        assertThat(staff("GET", "/api/v1/identity/reviews", "auditor", null).statusCode()).isEqualTo(403);
        assertThat(http.post(MATCH, PartnerHttpClient.HOUSING_KEY, "application/json", body.getBytes(StandardCharsets.UTF_8), null)
                .statusCode()).isEqualTo(401);
    }

    // --- helpers

    private static String health(String example, String motherNhs, String babyNhs) throws IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("..", "schemas", "health", "examples", example))
                .replace("9990701008", motherNhs).replace("9990701016", babyNhs)
                .replace("MAT-2026-10-0042", "MAT-" + UUID.randomUUID()).replace("MAT-2026-11-0107", "MAT-" + UUID.randomUUID());
    }

    private String sendHealth(String bundle) {
        HttpResponse<String> response = http.post("/fhir/$process-message", "test-health-key", "application/fhir+json",
                bundle.getBytes(StandardCharsets.UTF_8), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return PartnerHttpClient.json(response).get("id").asText();
    }

    private String childOf(String receipt) {
        return jdbc.queryForObject("select hub_child_id from accepted_event where hub_message_id = ?", String.class, receipt);
    }

    @Test
    void aKeyThatNamesMoreChildrenThanABlockMayHoldIsLeftOutAndTheChildIsFoundByTheOthers() {
        // 1,001 made-up children born the same day with the same given name and postcode: a partner's default date, say.
        // Their date-and-given-name key and their postcode keys name them all; their surnames keep the other keys small.
        String tag = tag();
        String[] syllables = {"Bar", "Kel", "Dov", "Fen", "Gam", "Hul", "Jin", "Los", "Mur", "Ned"};
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String family = syllables[i % 10] + syllables[(i / 10) % 10].toLowerCase() + syllables[i / 100].toLowerCase();
            lines.add(child("CS-" + tag + "-" + i, null, "Poppy", family, "2012-11-23", "female", "EX2 8ZZ"));
        }
        lines.add(child("CS-" + tag + "-Q", null, "Poppy", "Quarrendon", "2012-11-23", "female", "EX2 8ZZ"));
        load(lines.toArray(String[]::new));
        double[] before = compared();

        JsonNode found = match(query(null, "Poppy", "Quarrendon", "2012-11-23", "female", "EX2 8ZZ"));

        // Compared with all 1,001, the best of the others (everything but the surname agrees) would stand beside her as
        // a possible surname change, and a person would be asked to choose from a thousand.
        assertThat(found.get("outcome").asText()).isEqualTo("MATCH");
        assertThat(found.get("caseSystemPersonId").asText()).isEqualTo("CS-" + tag + "-Q");
        double[] after = compared();
        assertThat(after[0] - before[0]).isGreaterThanOrEqualTo(1);
        // Every key it shares with all 1,001 is left out (hub.identity.max-block-size, 1,000): compared with a few, not all.
        assertThat(after[1] - before[1]).isLessThan(1001);
    }

    /** The count and sum of {@code mash.hub.identity.compared}. */
    private double[] compared() {
        DistributionSummary summary = meters.get("mash.hub.identity.compared").summary();
        return new double[] {summary.count(), summary.totalAmount()};
    }

    private void load(String... lines) {
        HttpResponse<String> response = staff("POST", "/api/v1/identity/children", "engineer", String.join("\n", lines) + "\n");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("rejected").asInt()).as(response.body()).isZero();
    }

    private JsonNode match(String query) {
        HttpResponse<String> response = staff("POST", MATCH, "practitioner", query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private String hubChildOf(String caseSystemPersonId) {
        return jdbc.queryForObject("select hub_child_id from child_identifier where id_system = 'urn:mash-hub:id:case-system-person' "
                + "and id_value = ?", String.class, caseSystemPersonId);
    }

    private static String child(String caseSystemPersonId, String nhs, String given, String family, String born, String sex,
                                String postcode) {
        ObjectNode line = CanonicalJson.mapper().createObjectNode().put("caseSystemPersonId", caseSystemPersonId);
        return fields(line, nhs, given, family, born, sex, postcode);
    }

    private static String query(String nhs, String given, String family, String born, String sex, String postcode) {
        return fields(CanonicalJson.mapper().createObjectNode(), nhs, given, family, born, sex, postcode);
    }

    private static String fields(ObjectNode node, String nhs, String given, String family, String born, String sex, String postcode) {
        if (nhs != null) {
            node.put("nhsNumber", nhs);
        }
        node.put("givenName", given).put("familyName", family).put("birthDate", born).put("sex", sex);
        if (postcode != null) {
            node.put("postcode", postcode);
        }
        return node.toString();
    }

    private static String fieldLevel(JsonNode answer, String field) {
        for (JsonNode f : answer.at("/candidates/0/fields")) {
            if (f.get("field").asText().equals(field)) {
                return f.get("level").asText();
            }
        }
        return null;
    }

    private static ObjectNode housing(String tag) {
        ObjectNode notification = HousingExamples.fresh("household-move.json", "housing-test");
        notification.put("caseReference", "IT-" + tag);
        return notification;
    }

    @Test
    void theIndexTablesAreAnalyzedInTheBackgroundEachTimeTheChildrenFiledHaveDoubled() {
        // PostgreSQL's autovacuum is off on the CI machine, so nothing else analyzes this schema while the test runs.
        IndexStatistics statistics = new IndexStatistics(jdbc, new IdentityProperties(null, 5, DataSize.ofMegabytes(256), 4, 1000));
        try {
            long before = analyzeCount();
            statistics.filed(3);
            statistics.filed(2); // 5 of a first 4: analyzed, and next at 10
            await().atMost(Duration.ofSeconds(30)).until(() -> analyzeCount() == before + 1);
            statistics.filed(4); // 9 of 10: not yet
            statistics.filed(1); // 10 of 10: analyzed
            await().atMost(Duration.ofSeconds(30)).until(() -> analyzeCount() >= before + 2);
            assertThat(analyzeCount()).isEqualTo(before + 2);
        } finally {
            statistics.stop();
        }
    }

    private long analyzeCount() {
        return jdbc.queryForObject("select analyze_count from pg_stat_user_tables where schemaname = current_schema() "
                + "and relname = 'child_block_key'", Long.class);
    }

    /** Letters only (a name part), different for every test run. */
    private static String tag() {
        return org.mashhub.hub.testsupport.TestNames.letters(8);
    }

    private static String nhsNumber() {
        return org.mashhub.hub.testsupport.HealthBundles.nhsNumber();
    }

    private static String mistype(String nhs) {
        char last = nhs.charAt(9);
        return nhs.substring(0, 9) + (char) (last == '9' ? '0' : last + 1);
    }

    private HttpResponse<String> staff(String method, String path, String user, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (user != null) {
            String password = "test-" + user;
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> textsOf(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return PartnerHttpClient.json(response);
    }
}
