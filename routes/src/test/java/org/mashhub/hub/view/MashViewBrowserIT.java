package org.mashhub.hub.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HealthBundles;
import org.mashhub.hub.testsupport.HealthBundles.Child;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.PartnerHttpClient;
import org.mashhub.hub.testsupport.SchoolFileExamples;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The MASH view in Debian's Chromium, headless, driven by Selenium: a child known to police, health and a school
 * is searched for and opened; an item health withheld is seen as a practitioner and released by a manager; the
 * dashboard's charts are drawn. Screenshots go to {@code target/screenshots}.
 */
class MashViewBrowserIT extends HubIntegrationTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String SCRIPT = "<script>alert('xss')</script>";

    static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                        // A busy CI machine must not make the renderer of the one tab look idle and throttle it.
                        "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
                        "--disable-backgrounding-occluded-windows", "--window-size=1400,1800",
                        "--user-data-dir=" + Files.createTempDirectory("mash-chromium-"));
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().withLogFile(new File("target/chromedriver.log")).build();
        browser = new ChromeDriver(driver, options);
        // Generous: on a loaded 2-core machine the hub and Chromium share the cores; a pass takes seconds.
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPractitionerFindsAChildKnownToThreeAgenciesAndSeesThemOnOnePageWithPartnerTextAsText() throws Exception {
        Child child = Child.fresh();
        String policeEvent = sendPoliceNotice(child);
        // The school writes the date of birth a day out: linked all the same, and both dates kept.
        LocalDate schoolsDate = LocalDate.parse(child.birthDate()).plusDays(1);
        sendSchoolConcern(child, schoolsDate);
        send("test-health-key", HealthBundles.concern(child, "urgent", false));
        String hubChildId = awaitAgencies(child, 3);

        signIn("practitioner");
        browser.get(url("/mash/search"));
        browser.findElement(By.id("given")).sendKeys(child.given() + "e"); // misspelt
        browser.findElement(By.id("family")).sendKeys(child.family());
        LocalDate born = LocalDate.parse(child.birthDate());
        browser.findElement(By.id("birthDay")).sendKeys(String.valueOf(born.getDayOfMonth()));
        browser.findElement(By.id("birthMonth")).sendKeys(String.valueOf(born.getMonthValue()));
        browser.findElement(By.id("birthYear")).sendKeys(String.valueOf(born.getYear()));
        WebElement result = clickThrough(browser.findElement(By.id("search")),
                By.cssSelector("#results a.mash-child-link[href$='" + hubChildId + "']"));
        screenshot("search");
        clickThrough(result, By.id("timeline"));
        List<WebElement> events = browser.findElements(By.cssSelector("#timeline tr.mash-event"));
        assertThat(events).extracting(e -> e.getAttribute("data-agency")).contains("police", "health", "education");
        assertThat(browser.findElement(By.id("identifiers")).getText()).contains("NHS Number " + child.nhsNumber());
        assertThat(browser.findElement(By.id("linked-referrals")).getText()).contains("police", "education", "health");
        WebElement police = browser.findElement(By.cssSelector("tr[data-event-id='" + policeEvent + "']"));
        police.findElement(By.tagName("summary")).click();
        assertThat(police.getText()).contains(SCRIPT);
        assertThat(browser.getPageSource()).doesNotContain(SCRIPT).contains("&lt;script&gt;alert");
        assertNoAlert();
        assertThat(browser.findElement(By.id("birth-dates-differ")).isDisplayed()).isTrue();
        String dates = browser.findElement(By.cssSelector("#details [data-field='Date of birth']")).getText();
        java.time.format.DateTimeFormatter shown = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.UK);
        assertThat(dates).contains(LocalDate.parse(child.birthDate()).format(shown) + " from police").contains("health")
                .contains(schoolsDate.format(shown) + " from education").contains("Sources differ");
        screenshot("child-page");

        assertThat(audited().queryForList("select actor || ' ' || detail from audit_entry where action = 'VIEWED' and hub_child_id = ?",
                String.class, hubChildId)).contains("staff:practitioner child-page roles=PRACTITIONER");
        signOut();

        // An auditor asks who looked at this child: the search that showed it and the page, by whom.
        signIn("auditor");
        clickThrough(browser.findElement(By.linkText("Audit")), By.id("audit-search"));
        browser.findElement(By.id("hubChildId")).sendKeys(hubChildId);
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("action"))).selectByValue("VIEWED");
        clickThrough(browser.findElement(By.id("audit-search-submit")), By.id("audit-entries"));
        String audit = browser.findElement(By.id("audit-entries")).getText();
        assertThat(audit).contains("staff:practitioner", "child-page roles=PRACTITIONER", "search fields=birthDate,family,given");
        screenshot("audit");
        clickThrough(browser.findElement(By.id("verify-link")), By.id("verification"));
        assertThat(browser.findElement(By.id("audit-valid")).getText()).contains("The audit is intact", "entries checked");
        assertThat(staff("GET", "/mash/children/" + hubChildId + "/views", "auditor").body()).contains("staff:practitioner");
        assertThat(staff("GET", "/mash/children/" + hubChildId + "/views", "practitioner").statusCode()).isEqualTo(403);

        signOut();

        // The conflict waits for a person in the review queue.
        signIn("practitioner");
        browser.get(url("/mash/reviews"));
        WebElement card = browser.findElements(By.cssSelector("#reviews tr[data-kind='BIRTH_DATE_CONFLICT']")).stream()
                .filter(r -> r.getText().contains(child.family())).findFirst().orElseThrow();
        assertThat(card.getText()).contains(schoolsDate.format(shown), "Date of birth differs", "Education");
        String reviewId = card.getAttribute("data-review-id");
        clickThrough(card.findElement(By.cssSelector("a.mash-review-link")), By.id("comparison"));
        // Side by side: the school's date against the child's, each with the sources that give it.
        WebElement birthDates = browser.findElement(By.cssSelector("#comparison tr[data-field='Date of birth']"));
        assertThat(birthDates.getText()).contains(schoolsDate.format(shown), LocalDate.parse(child.birthDate()).format(shown), "police", "One day out");
        screenshot("review");
        browser.findElement(By.id("choice-1")).click();
        browser.findElement(By.id("reason")).sendKeys("The school confirmed the date: their record has a typing slip.");
        clickThrough(browser.findElement(By.id("continue")), By.id("check"));
        assertThat(browser.findElement(By.id("check-decision")).getText()).contains("same child");
        assertThat(clickThrough(browser.findElement(By.id("confirm")), By.cssSelector(".govuk-notification-banner")).getText())
                .contains("Linked");
        assertThat(browser.findElements(By.cssSelector("#reviews tr[data-review-id='" + reviewId + "']"))).isEmpty();
        signOut();
    }

    @Test
    void aPractitionerSeesAWithheldItemAndAManagerReleasesIt() throws Exception {
        Child child = Child.fresh();
        send("test-health-key", HealthBundles.concern(child, "urgent", false));
        send("test-health-strict-key", HealthBundles.consent(child, "health.condition", "REFUSED"));
        String withheld = send("test-health-strict-key", HealthBundles.concern(child, "urgent", false));
        await().atMost(Duration.ofSeconds(20)).until(() -> !jdbc.queryForList(
                "select 1 from withheld_event where event_id = ? and status = 'HELD'", withheld).isEmpty());
        String hubChildId = jdbc.queryForObject("select hub_child_id from accepted_event where event_id = ?", String.class, withheld);

        signIn("practitioner");
        browser.get(url("/mash/children/" + hubChildId));
        assertThat(browser.findElement(By.id("withheld-summary")).getText())
                .contains("1 item withheld: consent refused by health, awaiting a manager");
        assertThat(browser.findElements(By.cssSelector("tr[data-event-id='" + withheld + "']"))).isEmpty();
        assertThat(browser.findElement(By.id("consents")).getText()).contains("health.condition", "Refused", "the partner");
        screenshot("withheld-as-practitioner");
        browser.get(url("/mash/withheld"));
        WebElement seen = browser.findElement(By.cssSelector("tr[data-event-id='" + withheld + "']"));
        assertThat(seen.getText()).contains("Referral", "Consent refused by health").doesNotContain("Decide");
        assertThat(seen.findElements(By.cssSelector(".mash-summary"))).isEmpty(); // what it says is not the practitioner's to read
        signOut();

        signIn("manager");
        browser.get(url("/mash/withheld"));
        WebElement group = browser.findElement(By.cssSelector(".mash-withheld-child[data-hub-child-id='" + hubChildId + "']"));
        assertThat(group.getText()).contains(child.given() + " " + child.family(), " years");
        WebElement row = group.findElement(By.cssSelector("tr[data-event-id='" + withheld + "']"));
        assertThat(row.getText()).contains("Consent refused by health");
        assertThat(row.findElements(By.cssSelector(".mash-rag"))).isNotEmpty();
        assertThat(row.findElement(By.cssSelector(".mash-summary")).getText()).isNotBlank();
        clickThrough(row.findElement(By.cssSelector("a.mash-decide")), By.id("withheld-decision"));
        clickThrough(browser.findElement(By.id("continue")), By.id("decision-problems"));
        assertThat(browser.findElement(By.id("decision-problems")).getText()).contains("release or refuse", "Give the reason");
        browser.findElement(By.id("decision-release")).click();
        browser.findElement(By.id("reason")).sendKeys("Strategy meeting: the GP's information protects the child");
        clickThrough(browser.findElement(By.id("continue")), By.id("check"));
        assertThat(browser.findElement(By.id("check-decision")).getText()).startsWith("Release");
        screenshot("withheld-check");
        assertThat(jdbc.queryForObject("select status from withheld_event where event_id = ?", String.class, withheld)).isEqualTo("HELD");
        assertThat(clickThrough(browser.findElement(By.id("confirm")), By.cssSelector(".govuk-notification-banner"))
                .getText()).contains("Released");
        await().atMost(Duration.ofSeconds(20)).until(() -> caseSystem.received().stream()
                .anyMatch(r -> r.idempotencyKey().equals(withheld)));
        browser.get(url("/mash/children/" + hubChildId));
        WebElement released = browser.findElement(By.cssSelector("tr[data-event-id='" + withheld + "']"));
        released.findElement(By.tagName("summary")).click();
        assertThat(released.getText()).contains("Released by a manager", "override manager");
        assertThat(browser.findElements(By.id("withheld-summary"))).isEmpty();
        screenshot("released-as-manager");
        signOut();
    }

    @Test
    void theDashboardDrawsItsCharts() throws Exception {
        Child child = Child.fresh();
        send("test-health-key", HealthBundles.concern(child, "urgent", false));

        signIn("manager");
        browser.get(url("/mash/dashboard"));
        wait(d -> "true".equals(d.findElement(By.id("chart-by-agency")).getAttribute("data-drawn")));
        assertThat((Boolean) ((JavascriptExecutor) browser).executeScript(
                "return Chart.getChart('chart-by-agency') != null && Chart.getChart('chart-by-locality') != null")).isTrue();
        assertThat(Integer.parseInt(browser.findElement(By.id("referrals")).getText())).isPositive();
        assertThat(Integer.parseInt(browser.findElement(By.id("encompass-overdue")).getText())).isNotNegative();
        wait(d -> "true".equals(d.findElement(By.id("chart-trends")).getAttribute("data-drawn")));
        screenshot("dashboard");
        // The figures as tables under the charts, week by week, this week marked as partial; another period; CSV.
        browser.findElement(By.xpath("//summary[contains(., 'Referrals by agency per week as a table')]")).click();
        List<WebElement> weeks = browser.findElements(By.cssSelector("#table-by-agency tbody tr"));
        assertThat(weeks).hasSize(12);
        assertThat(weeks.get(0).getText()).startsWith("w/c ");
        assertThat(weeks.get(11).getText()).contains("(so far)");
        assertThat(browser.findElement(By.id("locality-not-known")).getText()).contains("no known locality");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("weeks"))).selectByValue("4");
        clickThrough(browser.findElement(By.id("show-period")), By.id("table-trends"));
        assertThat(browser.findElements(By.cssSelector("#table-trends tbody tr"))).hasSize(4);
        HttpResponse<String> csv = staff("GET", "/mash/dashboard.csv?weeks=4", "manager");
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body().lines().toList()).hasSize(5).first().asString()
                .startsWith("week_commencing,partial_week,").endsWith(",referrals_total,repeat_referrals,timescale_breaches,median_minutes_to_case_system");
        assertThat(csv.body().lines().skip(4).findFirst().orElseThrow()).contains(",true,");
        signOut();
    }

    /**
     * A practitioner asks the police and health what they hold about a child from the child's page (refused first with
     * every problem), sees the checks waiting for partners in the inbox, and reads the partners' answers on the child's page,
     * partner text as text; an answer the family's consent holds back is said to be there, not shown.
     */
    @Test
    void aPractitionerAsksPartnersFromTheChildsPageAndReadsTheirAnswersThere() throws Exception {
        Child child = Child.fresh();
        sendPoliceNotice(child);
        send("test-health-key", HealthBundles.concern(child, "urgent", false));
        String hubChildId = awaitAgencies(child, 2);

        signIn("practitioner");
        browser.get(url("/mash/children/" + hubChildId));
        assertThat(browser.findElement(By.id("no-enquiries")).getText()).contains("No partner has been asked");
        browser.findElement(By.cssSelector("#ask-partners summary")).click();
        clickThrough(browser.findElement(By.id("send-enquiry")), By.id("enquiry-problems"));
        assertThat(browser.findElement(By.id("enquiry-problems")).getText()).contains("one of RED, AMBER, GREEN", "what the MASH asks",
                "at least one of", "name the partners to ask, or the agencies");
        browser.findElement(By.id("ask-police")).click();
        browser.findElement(By.id("ask-health")).click();
        // AMBER: a RED check's answers would be shared under the safeguarding override, whatever the consent.
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("enquiry-rag"))).selectByValue("AMBER");
        browser.findElement(By.id("enquiry-question")).sendKeys("What do you hold about the child and the adults at the address?");
        browser.findElement(By.id("basis-UK-GDPR-6-1-e")).click();
        browser.findElement(By.id("basis-DPA-2018-SCH1-PARA18")).click();
        assertAccessible("child page, asking partners");
        assertThat(clickThrough(browser.findElement(By.id("send-enquiry")), By.cssSelector(".govuk-notification-banner")).getText())
                .contains("Checks sent to");
        List<WebElement> requests = browser.findElements(By.cssSelector(".mash-enquiry-request"));
        assertThat(requests).extracting(r -> r.getAttribute("data-partner-id")).containsExactlyInAnyOrder("police-test", "health-test");
        assertThat(requests).extracting(r -> r.getAttribute("data-status")).containsOnly("WAITING");
        String enquiryId = browser.findElement(By.cssSelector(".mash-enquiry")).getAttribute("data-enquiry-id");
        Map<String, String> requestIds = jdbc.queryForList("select partner_id, request_id from enquiry_request where enquiry_id = ?", enquiryId)
                .stream().collect(java.util.stream.Collectors.toMap(r -> (String) r.get("partner_id"), r -> (String) r.get("request_id")));

        // Outstanding: in the inbox, under "waiting for partners".
        clickThrough(browser.findElement(By.linkText("Inbox")), By.id("inbox"));
        assertThat(browser.findElement(By.id("waiting-count")).getText()).contains("wait for partners");
        WebElement waiting = browser.findElement(By.cssSelector("#waiting tr[data-request-id='" + requestIds.get("police-test") + "']"));
        assertThat(waiting.getText()).contains(child.given(), "AMBER");
        screenshot("waiting-for-partners");

        // The family withdrew consent for what health shares: health's answer is held back like anything else health sends.
        HttpResponse<String> withdrawn = http.postAsStaff("/api/v1/consent", "manager", "test-manager", "{\"hubChildId\":\"" + hubChildId
                + "\",\"partnerId\":\"health-test\",\"category\":\"health.condition\",\"state\":\"WITHDRAWN\",\"note\":\"Mother withdrew consent.\"}");
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(201);
        // The partners answer with their keys; police text with markup in it.
        assertThat(http.post("/api/v1/partner/enquiries/" + requestIds.get("police-test") + "/response", PartnerHttpClient.POLICE_KEY,
                "application/json", ("{\"nothingKnown\":false,\"summary\":\"Two call-outs this year. " + SCRIPT
                        + "\",\"detail\":\"Bail conditions: no contact with the mother.\"}").getBytes(StandardCharsets.UTF_8), null).statusCode())
                .isEqualTo(200);
        assertThat(http.post("/api/v1/partner/enquiries/" + requestIds.get("health-test") + "/response", "test-health-key",
                "application/json", "{\"nothingKnown\":true}".getBytes(StandardCharsets.UTF_8), null).statusCode()).isEqualTo(200);

        clickThrough(waiting.findElement(By.tagName("a")), By.id("partner-checks"));
        WebElement police = browser.findElement(By.cssSelector(".mash-enquiry-request[data-partner-id='police-test']"));
        assertThat(police.getAttribute("data-status")).isEqualTo("ANSWERED");
        assertThat(police.findElement(By.cssSelector(".mash-answer-summary")).getText()).startsWith("Two call-outs this year.").contains(SCRIPT);
        assertThat(police.findElement(By.cssSelector(".mash-answered")).getText()).contains("Answered by", "in time");
        police.findElement(By.tagName("summary")).click();
        assertThat(police.getText()).contains("Bail conditions");
        assertNoAlert();
        WebElement health = browser.findElement(By.cssSelector(".mash-enquiry-request[data-partner-id='health-test']"));
        assertThat(health.findElement(By.cssSelector(".mash-answer-not-shown")).getText()).contains("Answered by", "not shown");
        assertThat(health.findElements(By.cssSelector(".mash-nothing-known"))).isEmpty();
        screenshot("partner-answers");
        assertThat(browser.findElements(By.cssSelector("#waiting tr[data-request-id='" + requestIds.get("police-test") + "']"))).isEmpty();
        signOut();
    }

    /** The time-to-answer figure on the dashboard, from requests and answers at known times, five weeks ago. */
    @Test
    void theDashboardShowsHowLongEachAgencyTakesToAnswer() throws Exception {
        Child child = Child.fresh();
        send("test-health-key", HealthBundles.concern(child, "urgent", false));
        String hubChildId = awaitAgencies(child, 1);
        LocalDate monday = LocalDate.now(java.time.ZoneId.of("Europe/London")).with(java.time.temporal.TemporalAdjusters.previousOrSame(
                java.time.DayOfWeek.MONDAY)).minusWeeks(5);
        java.time.Instant raised = monday.atTime(10, 0).atZone(java.time.ZoneId.of("Europe/London")).toInstant();
        String enquiryId = UUID.randomUUID().toString();
        jdbc.update("insert into enquiry (enquiry_id, hub_child_id, rag, question, lawful_basis, raised_by, raised_at) values (?, ?, 'GREEN', "
                + "'Attendance?', 'UK-GDPR-6-1-e', 'staff:practitioner', ?)", enquiryId, hubChildId, utc(raised));
        for (int hours : new int[] {2, 10, 80}) { // the last after its 72 hours
            jdbc.update("insert into enquiry_request (request_id, enquiry_id, partner_id, status, due_at, answered_at, nothing_known) "
                    + "values (?, ?, 'school-test', 'ANSWERED', ?, ?, true)", UUID.randomUUID().toString(), enquiryId,
                    utc(raised.plus(Duration.ofHours(72))), utc(raised.plus(Duration.ofHours(hours))));
        }

        signIn("manager");
        browser.get(url("/mash/dashboard"));
        assertThat(Integer.parseInt(browser.findElement(By.id("checks-overdue")).getText())).isNotNegative();
        String week = "w/c " + monday.format(java.time.format.DateTimeFormatter.ofPattern("d MMM", java.util.Locale.UK));
        WebElement line = browser.findElements(By.cssSelector("#table-time-to-answer-by-week tbody tr")).stream()
                .filter(r -> r.getAttribute("textContent").contains(week) && r.getAttribute("textContent").contains("Education")
                        && r.getAttribute("textContent").contains("GREEN")).findFirst().orElseThrow();
        List<String> cells = line.findElements(By.tagName("td")).stream().map(c -> c.getAttribute("textContent").trim()).toList();
        // Agency, RAG, asked, median (nearest rank 2 of 3: 10 h), 90th percentile (3 of 3: 80 h), in time (2 of 3)
        assertThat(cells).containsExactly("Education", "GREEN", "3", "10 h 00 min", "80 h 00 min", "67% (2 of 3)");
        // The same line for a spreadsheet.
        HttpResponse<String> csv = staff("GET", "/mash/time-to-answer.csv?weeks=12", "manager");
        assertThat(csv.body().lines().findFirst().orElseThrow()).isEqualTo(
                "week_commencing,agency,rag,asked,answered,median_hours,p90_hours,answered_in_time,settled,percent_in_time");
        assertThat(csv.body().lines()).contains(monday + ",education,GREEN,3,3,10.00,80.00,2,3,66.7");
        screenshot("dashboard-time-to-answer");
        signOut();
    }

    private static java.time.OffsetDateTime utc(java.time.Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }

    /**
     * A practitioner triages a household the district council referred (sent twice): one row with both children and their
     * ages; takes it; records a decision with an outcome and rationale (refused without them, undone, recorded again);
     * sees it on the child's page with the household. No further action for the other child waits for a manager, who
     * signs it off.
     */
    @Test
    void aPractitionerTriagesTakesAndDecidesAndAManagerSignsOff() throws Exception {
        String family = "Browserfam" + org.mashhub.hub.testsupport.TestNames.letters(5);
        com.fasterxml.jackson.databind.node.ObjectNode eviction = eviction(family);
        List<String> events = sendHousing(eviction);
        eviction.put("messageId", "IT-" + UUID.randomUUID());
        sendHousing(eviction);
        String ruby = events.get(0);
        String finn = events.get(1);

        signIn("practitioner");
        browser.get(url("/mash"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("agency"))).selectByValue("housing");
        clickThrough(browser.findElement(By.id("apply-filter")), By.id("inbox"));
        assertThat(browser.getCurrentUrl()).contains("agency=housing");
        WebElement row = inboxRow(family);
        assertThat(row.getText()).contains("Ruby " + family + ", ", " years", "Finn " + family, "Sent 2 times", "North Devon", "Not allocated");
        screenshot("inbox");

        clickThrough(row.findElement(By.cssSelector("a.mash-referral-link")), By.id("referral-facts"));
        assertThat(browser.findElement(By.id("referral-detail")).getText()).contains("heard shouting");
        assertThat(clickThrough(browser.findElement(By.id("take")), By.cssSelector(".govuk-notification-banner")).getText())
                .contains("You have this referral");
        assertThat(browser.findElement(By.id("allocated-to")).getText()).isEqualTo("You");

        WebElement card = childCard(ruby);
        clickThrough(card.findElement(By.cssSelector("button.mash-record-decision")), By.id("decision-problems"));
        assertThat(browser.findElement(By.id("decision-problems")).getText()).contains("Choose an outcome", "rationale is required");
        decide(ruby, "EARLY_HELP", "Needs met by an early help assessment; the family agreed at the home visit.");
        String done = browser.findElement(By.cssSelector(".govuk-notification-banner")).getText();
        assertThat(done).contains("Decision recorded for Ruby " + family + ": Early help", "You can undo it until");
        screenshot("referral-decided");
        clickThrough(childCard(ruby).findElement(By.cssSelector("button.mash-undo")), By.cssSelector(".govuk-notification-banner"));
        assertThat(browser.findElement(By.cssSelector(".govuk-notification-banner")).getText()).contains("Decision undone");
        decide(ruby, "EARLY_HELP", "Needs met by an early help assessment; the family agreed at the home visit.");
        decide(finn, "NO_FURTHER_ACTION", "Finn is seen weekly by the health visitor; nothing suggests harm to him.");
        assertThat(childCard(finn).getText()).contains("No further action", "Waiting for a manager's sign-off");

        clickThrough(childCard(ruby).findElement(By.partialLinkText("Open the child's page")), By.id("decisions"));
        assertThat(browser.findElement(By.id("decisions")).getText()).contains("Early help", "the family agreed at the home visit");
        assertThat(browser.findElement(By.id("age")).getText()).matches("\\(\\d+ years old\\)");
        assertThat(browser.findElement(By.id("household")).getText()).contains("Finn " + family, "Morgan " + family, "(named by housing)");
        screenshot("child-decisions");
        // Printed as a chronology: every entry's detail opened first.
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.print = function () { window.printed = true; };");
        browser.findElement(By.id("print-chronology")).click();
        assertThat(js.executeScript("return window.printed === true && [...document.querySelectorAll('#timeline details')].every(d => d.open)"))
                .isEqualTo(true);
        signOut();

        signIn("manager");
        browser.get(url("/mash"));
        assertThat(browser.findElement(By.id("sign-off-link")).getText()).contains("for your sign-off");
        clickThrough(browser.findElement(By.id("sign-off-link")), By.tagName("h1"));
        WebElement waiting = browser.findElement(By.cssSelector(".mash-sign-off-card[data-event-id='" + finn + "']"));
        assertThat(waiting.getText()).contains("Finn " + family, "No further action", "health visitor");
        screenshot("sign-off");
        clickThrough(waiting.findElement(By.cssSelector("button.mash-sign-off")), By.cssSelector(".govuk-notification-banner"));
        assertThat(browser.findElements(By.cssSelector(".mash-sign-off-card[data-event-id='" + finn + "']"))).isEmpty();
        assertThat(jdbc.queryForObject("select signed_off_by from mash_decision where event_id = ?", String.class, finn))
                .isEqualTo("staff:manager");
        // A manager gives the referral to someone else.
        browser.get(url("/mash/referrals/" + ruby));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("allocate-to"))).selectByValue("staff:practitioner");
        assertThat(clickThrough(browser.findElement(By.id("allocate")), By.cssSelector(".govuk-notification-banner")).getText())
                .contains("Allocated to practitioner");
        assertThat(browser.findElement(By.id("allocated-to")).getText()).isEqualTo("practitioner");
        assertThat(browser.findElement(By.id("referrers-not-told")).getText()).contains("once a decision is final");
        // Once Ruby's decision is final, the page says when the referrer was told, and when its system collected it.
        jdbc.update("update mash_decision set decided_at = decided_at - interval '11 minutes' where event_id = ?", ruby);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select count(*) from partner_notification "
                + "where about_event_id = ? and type = 'REFERRAL_OUTCOME'", Integer.class, ruby) == 1);
        browser.get(url("/mash/referrals/" + ruby));
        assertThat(browser.findElement(By.id("referrers-told")).getText()).contains("housing-test", "Not collected yet");
        // The council's system sent it twice: each of its messages is answered; it collects both.
        for (String told : jdbc.queryForList("select n.notification_id from partner_notification n join mash_decision d "
                + "on d.event_id = n.about_event_id where d.decision_id = (select decision_id from mash_decision where event_id = ?)",
                String.class, ruby)) {
            assertThat(http.postWithHeaders("/api/v1/partner/notifications/" + told + "/ack", PartnerHttpClient.HOUSING_KEY, new byte[0])
                    .statusCode()).isEqualTo(200);
        }
        browser.get(url("/mash/referrals/" + ruby));
        assertThat(browser.findElement(By.id("referrers-told")).getText()).doesNotContain("Not collected yet");
        signOut();
    }

    /** A family name alone, a date of birth alone (typed the UK way), each finds the child, with age and postcode. */
    @Test
    void aPractitionerFindsAChildByOneField() throws Exception {
        String family = "Onefield" + org.mashhub.hub.testsupport.TestNames.letters(5);
        com.fasterxml.jackson.databind.node.ObjectNode eviction = eviction(family);
        LocalDate born = LocalDate.parse(eviction.at("/household/members/2/birthDate").asText());
        sendHousing(eviction);
        String shown = born.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.UK));
        String typed = born.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));

        signIn("practitioner");
        browser.get(url("/mash/search"));
        browser.findElement(By.id("family")).sendKeys(family);
        clickThrough(browser.findElement(By.id("search")), By.id("results"));
        assertThat(browser.findElement(By.id("results")).getText()).contains("Ruby " + family, "Finn " + family, "EX31 9ZZ", shown);

        browser.get(url("/mash/search"));
        browser.findElement(By.id("birthDay")).sendKeys(String.valueOf(born.getDayOfMonth()));
        browser.findElement(By.id("birthMonth")).sendKeys(String.valueOf(born.getMonthValue()));
        browser.findElement(By.id("birthYear")).sendKeys(String.valueOf(born.getYear()));
        clickThrough(browser.findElement(By.id("search")), By.id("results"));
        assertThat(browser.findElement(By.id("results")).getText()).contains("Ruby " + family);
        screenshot("search-by-birth-date");

        browser.get(url("/mash/search?birthDate=" + typed));
        assertThat(browser.findElement(By.id("results")).getText()).contains("Ruby " + family);
        browser.get(url("/mash/search?birthDate=31/02/2017"));
        assertThat(browser.findElement(By.cssSelector(".govuk-error-summary")).getText()).contains("must be a real date");
        signOut();
    }

    /**
     * Every page each role reaches, checked by axe-core in the browser against WCAG 2.1 A and AA: no violations. The
     * pages hold real content (a household's referral, a child with a decision, a withheld item, a parked delivery).
     */
    @Test
    void everyPageEveryRoleReachesPassesAxe() throws Exception {
        List<String> events = sendHousing(eviction("Axefam" + org.mashhub.hub.testsupport.TestNames.letters(5)));
        String hubChildId = jdbc.queryForObject("select hub_child_id from accepted_event where event_id = ?", String.class, events.get(0));
        http.postAsStaff("/api/v1/referrals/" + events.get(0) + "/decision", "practitioner", "test-practitioner",
                "{\"outcome\":\"NO_FURTHER_ACTION\",\"rationale\":\"Known to universal services; no further concerns.\"}");

        java.util.Map<String, List<String>> pagesByRole = new java.util.LinkedHashMap<>();
        pagesByRole.put("practitioner", List.of("/mash", "/mash/referrals/" + events.get(0), "/mash/search",
                "/mash/search?family=Axefam", "/mash/children/" + hubChildId, "/mash/reviews", "/mash/withheld", "/mash/dashboard",
                "/mash/parked", "/mash/children/" + UUID.randomUUID()));
        pagesByRole.put("manager", List.of("/mash", "/mash/sign-off", "/mash/withheld", "/mash/referrals/" + events.get(1)));
        pagesByRole.put("auditor", List.of("/mash/dashboard", "/mash/audit", "/mash/audit?action=VIEWED",
                "/mash/children/" + hubChildId + "/views", "/mash/audit/verify"));
        pagesByRole.put("engineer", List.of("/mash/dashboard", "/mash/parked", "/mash/connections"));
        browser.get(url("/login"));
        assertAccessible("/login");
        for (var role : pagesByRole.entrySet()) {
            signIn(role.getKey());
            for (String page : role.getValue()) {
                browser.get(url(page));
                assertAccessible(role.getKey() + " " + page);
            }
            signOut();
        }
    }

    /**
     * Before the session ends the page warns (GOV.UK's timeout warning) and counts down; "Stay signed in" keeps the session;
     * left alone, the page signs out itself rather than let the next click be lost. The session's length is shortened in
     * the page for the test; the server's is 30 minutes.
     */
    @Test
    void aPersonIsWarnedBeforeTheSessionEndsAndCanStaySignedIn() {
        signIn("practitioner");
        browser.get(url("/mash/search"));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("document.getElementById('timeout-warning').setAttribute('data-session-seconds', '6'); MashTimeout.restart();");
        wait(d -> d.findElement(By.id("timeout-warning")).isDisplayed() ? true : null);
        assertThat(browser.findElement(By.id("timeout-countdown")).getText()).matches("\\d seconds?");
        assertAccessible("timeout warning");
        browser.findElement(By.id("stay-signed-in")).click();
        wait(d -> d.findElement(By.id("timeout-warning")).isDisplayed() ? null : true);
        browser.get(url("/mash/search"));
        assertThat(browser.findElements(By.id("search"))).isNotEmpty(); // still signed in

        js.executeScript("document.getElementById('timeout-warning').setAttribute('data-session-seconds', '3'); MashTimeout.restart();");
        wait(d -> d.getCurrentUrl().contains("/login") ? true : null);
        browser.get(url("/mash"));
        assertThat(browser.getCurrentUrl()).contains("/login"); // signed out, not merely sent to the sign-in page
    }

    /** The skip link, the menu saying where you are, and the pages at 320 px wide without the page scrolling sideways. */
    @Test
    void thePagesWorkByKeyboardAndOnANarrowScreen() throws Exception {
        signIn("practitioner");
        browser.get(url("/mash/search"));
        assertThat(browser.findElement(By.cssSelector("a.govuk-skip-link")).getAttribute("href")).endsWith("#main-content");
        assertThat(browser.findElement(By.linkText("Find a child")).getAttribute("aria-current")).isEqualTo("page");
        assertThat(browser.findElement(By.linkText("Inbox")).getAttribute("aria-current")).isNull();
        org.openqa.selenium.Dimension wide = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(320, 900));
            for (String page : List.of("/mash", "/mash/search", "/mash/reviews", "/mash/withheld", "/mash/dashboard")) {
                browser.get(url(page));
                Long overflow = (Long) ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(overflow).as(page + " scrolls sideways at 320 px").isLessThanOrEqualTo(0L);
            }
            screenshot("inbox-320px");
        } finally {
            browser.manage().window().setSize(wide);
        }
        signOut();
    }

    /** Someone who works by keyboard alone: from the skip link to a recorded decision without the mouse. */
    @Test
    void aPractitionerDecidesWithTheKeyboardOnly() throws Exception {
        List<String> events = sendHousing(eviction("Keyfam" + org.mashhub.hub.testsupport.TestNames.letters(5)));
        signIn("practitioner");
        browser.get(url("/mash/referrals/" + events.get(0)));
        org.openqa.selenium.interactions.Actions keys = new org.openqa.selenium.interactions.Actions(browser);
        keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to main content");
        keys.sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        // Tab on until the first child's outcomes; arrows choose within them, as for any radio group.
        for (int i = 0; i < 40 && !"radio".equals(browser.switchTo().activeElement().getAttribute("type")); i++) {
            keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
        }
        assertThat(browser.switchTo().activeElement().getAttribute("value")).isEqualTo("NO_FURTHER_ACTION");
        keys.sendKeys(org.openqa.selenium.Keys.SPACE).sendKeys(org.openqa.selenium.Keys.ARROW_DOWN)
                .sendKeys(org.openqa.selenium.Keys.ARROW_DOWN).perform();
        assertThat(browser.switchTo().activeElement().getAttribute("value")).isEqualTo("EARLY_HELP");
        keys.sendKeys(org.openqa.selenium.Keys.TAB).sendKeys("Agreed with the family by phone.").sendKeys(org.openqa.selenium.Keys.TAB)
                .perform();
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Record decision");
        WebElement page = browser.findElement(By.tagName("html"));
        keys.sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        wait(d -> gone(page));
        assertThat(wait(d -> d.findElements(By.cssSelector(".govuk-notification-banner")).stream().findFirst().orElse(null)).getText())
                .contains("Early help");
        signOut();
    }

    /** An engineer sees each partner's connection with its last message and the day's traffic. */
    @Test
    void anEngineerSeesEachPartnerConnectionAndItsTraffic() throws Exception {
        sendHousing(eviction("Connfam" + org.mashhub.hub.testsupport.TestNames.letters(5)));
        assertThat(http.postHousing(PartnerHttpClient.HOUSING_KEY, "{\"not\":\"a notification\"}".getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(422);
        signIn("engineer");
        clickThrough(browser.findElement(By.linkText("Partner connections")), By.id("connections"));
        WebElement housing = browser.findElement(By.cssSelector("#connections tr[data-partner='housing-test']"));
        List<WebElement> cells = housing.findElements(By.tagName("td"));
        assertThat(cells.get(2).getText()).isNotEqualTo("None yet");
        assertThat(Integer.parseInt(cells.get(3).getText())).isPositive();
        assertThat(Integer.parseInt(cells.get(4).getText().split("\\s")[0])).isPositive();
        screenshot("connections");
        signOut();
    }

    /** A page a role does not include, or a child the hub does not know: a page in the service's own words. */
    @Test
    void forbiddenAndMissingPagesSayWhatHappenedInTheServicesStyle() throws Exception {
        signIn("practitioner");
        browser.get(url("/mash/parked"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("You cannot see this page");
        assertThat(browser.getPageSource()).doesNotContain("Whitelabel");
        browser.get(url("/mash/children/" + UUID.randomUUID()));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
        assertThat(browser.findElements(By.id("sign-out"))).isNotEmpty(); // still signed in, the menu still there
        screenshot("not-found");
        signOut();
    }

    @Test
    void aPractitionerCannotReachManagerOrEngineerActions() {
        assertThat(staff("POST", "/mash/withheld/" + UUID.randomUUID() + "/release", "practitioner").statusCode()).isEqualTo(403);
        assertThat(staff("POST", "/mash/withheld/" + UUID.randomUUID() + "/refuse", "practitioner").statusCode()).isEqualTo(403);
        assertThat(staff("GET", "/mash/parked", "practitioner").statusCode()).isEqualTo(403);
        assertThat(staff("POST", "/mash/parked/" + UUID.randomUUID() + "/replay", "practitioner").statusCode()).isEqualTo(403);
        assertThat(staff("POST", "/api/v1/admin/retention/purge", "practitioner").statusCode()).isEqualTo(403);
        assertThat(staff("GET", "/mash/parked", "engineer").statusCode()).isEqualTo(200);
        // An engineer runs the hub but reads no child's information.
        assertThat(staff("GET", "/mash/search?family=Anyone", "engineer").statusCode()).isEqualTo(403);
    }

    /**
     * GOV.UK Frontend's stylesheet asks for its fonts under /assets/. Answered with a Basic challenge, that was a password
     * prompt for a font, and headless Chromium waited on it until the page load timed out ("Timed out receiving message
     * from renderer"), and every later command of that browser with it.
     */
    @Test
    void theStylesheetsFontsAreNotFoundRatherThanBehindAPasswordPrompt() {
        for (String asset : List.of("/assets/fonts/light-94a07e06a1-v2.woff2", "/assets/fonts/bold-b542beb274-v2.woff2", "/favicon.ico")) {
            HttpResponse<String> response = http.getAsStaff(asset, null, null);
            assertThat(response.statusCode()).as(asset).isEqualTo(404);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(asset).isEmpty();
        }
    }

    // --- helpers

    /** axe-core's WCAG 2.1 A and AA rules on the page as the browser shows it: every violation named, none allowed. */
    private static void assertAccessible(String page) {
        com.deque.html.axecore.results.Results results = new com.deque.html.axecore.selenium.AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(browser);
        assertThat(results.getViolations()).as(page + ": " + results.getViolations().stream()
                .map(v -> v.getId() + " (" + v.getImpact() + ") at " + v.getNodes().stream().map(n -> String.valueOf(n.getTarget()))
                        .limit(3).toList() + ": " + v.getHelp()).toList()).isEmpty();
        assertThat(results.getPasses()).as(page + ": axe ran its rules").isNotEmpty();
    }

    /** The inbox row naming this family, paging on as a person would (oldest due first: a new one is on a later page). */
    private WebElement inboxRow(String family) {
        while (true) {
            java.util.Optional<WebElement> row = browser.findElements(By.cssSelector("#inbox tr.mash-inbox-row")).stream()
                    .filter(r -> r.getText().contains(family)).findFirst();
            if (row.isPresent()) {
                return row.get();
            }
            List<WebElement> next = browser.findElements(By.id("next-page"));
            assertThat(next).as("an inbox row for " + family).isNotEmpty();
            clickThrough(next.get(0), By.id("inbox"));
        }
    }

    /** The card of the child whose referral this is, on the referral page. */
    private WebElement childCard(String eventId) {
        return browser.findElement(By.xpath("//form[contains(@action, '/mash/referrals/" + eventId + "/')]/ancestor::div[contains(@class,"
                + "'mash-child-decision')]"));
    }

    private void decide(String eventId, String outcome, String rationale) {
        WebElement form = browser.findElement(By.cssSelector("form[action$='/mash/referrals/" + eventId + "/decision']"));
        form.findElement(By.cssSelector("input[type='radio'][value='" + outcome + "']")).click();
        form.findElement(By.tagName("textarea")).sendKeys(rationale);
        clickThrough(form.findElement(By.cssSelector("button.mash-record-decision")), By.cssSelector(".govuk-notification-banner"));
    }

    /** The housing example's eviction with a safeguarding concern (two children) for a family of its own. */
    private static com.fasterxml.jackson.databind.node.ObjectNode eviction(String family) {
        com.fasterxml.jackson.databind.node.ObjectNode eviction = org.mashhub.hub.testsupport.HousingExamples.fresh(
                "eviction-notice-with-safeguarding-concern.json", "housing-test");
        eviction.withArray("/household/members").forEach(m -> ((com.fasterxml.jackson.databind.node.ObjectNode) m)
                .put("familyName", family).remove(List.of("nhsNumber", "otherNames")));
        eviction.put("caseReference", "IT/" + UUID.randomUUID()); // the council's own reference names the same people again
        LocalDate born = org.mashhub.hub.testsupport.HousingExamples.distinctBirthDate();
        ((com.fasterxml.jackson.databind.node.ObjectNode) eviction.at("/household/members/2")).put("birthDate", born.toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) eviction.at("/household/members/3")).put("birthDate", born.plusYears(3).toString());
        return eviction;
    }

    /** Sends a housing notification; its referral events, once the sharing policy has decided them. */
    private List<String> sendHousing(com.fasterxml.jackson.databind.node.ObjectNode notification) throws IOException {
        HttpResponse<String> response = http.postHousing(PartnerHttpClient.HOUSING_KEY,
                org.mashhub.hub.testsupport.HousingExamples.bytes(notification));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String hubMessageId = PartnerHttpClient.json(response).get("receipt").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select count(*) from accepted_event where hub_message_id = ? "
                + "and event_type = 'ReferralEvent' and sharing_decision is null", Integer.class, hubMessageId) == 0);
        return jdbc.queryForList("select event_id from accepted_event where hub_message_id = ? and event_type = 'ReferralEvent' "
                + "order by event_index", String.class, hubMessageId);
    }

    private void signIn(String user) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("test-" + user);
        clickThrough(browser.findElement(By.id("sign-in")), By.id("sign-out"));
    }

    private void signOut() {
        clickThrough(browser.findElement(By.id("sign-out")), By.id("username"));
        assertThat(browser.getCurrentUrl()).contains("/login");
    }

    /**
     * Clicks a control that leads to another page and waits until that page has loaded with the element expected on it.
     * A click returns once the click is dispatched, not once the page it leads to is there: a look too soon sees the old page.
     */
    private WebElement clickThrough(WebElement control, By expected) {
        WebElement page = browser.findElement(By.tagName("html"));
        // A new document has a new window: the mark goes with the old one (the old element is not always seen stale when
        // the page comes back to the same address with a #fragment).
        ((JavascriptExecutor) browser).executeScript("window.mashPageBefore = true");
        control.click();
        wait(d -> Boolean.TRUE.equals(gone(page)) || !Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return window.mashPageBefore === true")) ? true : null);
        return wait(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState"))
                ? d.findElements(expected).stream().findFirst().orElse(null) : null);
    }

    /**
     * Whether the page this element was on has gone. Chromium sometimes answers for an element of a page being replaced
     * "Node with given id does not belong to the document" rather than "stale": both mean gone.
     */
    private static Boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return null;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    private <T> T wait(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(60)).until(condition::apply);
    }

    private void assertNoAlert() {
        try {
            browser.switchTo().alert();
            throw new AssertionError("a script from partner text ran");
        } catch (NoAlertPresentException expected) {
            // the text stayed text
        }
    }

    private static void screenshot(String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The hub child the child's NHS Number belongs to, once that many agencies' events about it are accepted. */
    private String awaitAgencies(Child child, int agencies) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<String> ids = jdbc.queryForList("select hub_child_id from child_identifier where id_value = ?", String.class,
                    child.nhsNumber());
            return !ids.isEmpty() && jdbc.queryForObject("select count(distinct partner_id) from accepted_event where hub_child_id = ?",
                    Integer.class, ids.get(0)) >= agencies;
        });
        return jdbc.queryForObject("select hub_child_id from child_identifier where id_value = ?", String.class, child.nhsNumber());
    }

    /** The police example notice about the child (the second child and the adults keep their made-up details). */
    private String sendPoliceNotice(Child child) throws IOException {
        String notice = Files.readString(Path.of("..", "schemas", "police", "examples", "domestic-abuse-two-children.xml"))
                .replaceFirst("<\\?xml[^>]*\\?>\\s*", "")
                .replace("PPN-DC-2026-004512", "IT-" + UUID.randomUUID())
                .replace("<GivenName>Lily</GivenName>", "<GivenName>" + child.given() + "</GivenName>")
                .replace("Madeupson", child.family())
                .replace("2015-04-19", child.birthDate())
                .replace("DC-N-778102", "IT-" + UUID.randomUUID()).replace("DC-N-778103", "IT-" + UUID.randomUUID())
                .replace("DC-N-501221", "IT-" + UUID.randomUUID()).replace("DC-N-501222", "IT-" + UUID.randomUUID())
                .replace("The older child was awake", SCRIPT.replace("<", "&lt;").replace(">", "&gt;") + " The older child was awake");
        HttpResponse<String> response = http.post("/services/police", PartnerHttpClient.POLICE_KEY, "text/xml; charset=UTF-8",
                ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + notice
                        + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().replaceAll("(?s).*?<EventId>([^<]+)</EventId>.*", "$1");
    }

    /**
     * A day of the police and health examples' incident (20-21 November 2026): the school's concern falls in the same
     * linked window (72 hours) whatever day the test runs. It used to be yesterday, which stopped linking three days after
     * the examples' dates.
     */
    private static final LocalDate INCIDENT_DAY = LocalDate.of(2026, 11, 21);

    private void sendSchoolConcern(Child child, LocalDate birthDate) {
        String csv = "concern_id,school_urn,upn,given_name,family_name,birth_date,year_group,concern_category,concern_date,summary,"
                + "action_taken,rag,consent,dsl_name,dsl_phone,dsl_email\r\n"
                + "IT-" + UUID.randomUUID() + ",113456," + SchoolFileExamples.randomUpn() + "," + child.given() + "," + child.family() + ","
                + birthDate + ",5,domestic-abuse," + INCIDENT_DAY + ",\"Told her teacher about shouting at home "
                + "at the weekend.\",\"Spoke with the DSL\",AMBER,GIVEN,Alex Safeguardsworth,01392 000101,dsl@demo-primary.example.sch.uk\r\n";
        HttpResponse<String> response = http.upload("/api/v1/schools/files", PartnerHttpClient.SCHOOL_KEY, "concerns.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    /** Sends a FHIR message; the id of its first event (null for a consent update, which makes none). */
    private String send(String key, com.fasterxml.jackson.databind.JsonNode bundle) {
        HttpResponse<String> response = http.post("/fhir/$process-message", key, "application/fhir+json", HealthBundles.bytes(bundle), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return HealthBundles.eventIds(response).stream().findFirst().orElse(null);
    }

    private HttpResponse<String> staff(String method, String path, String user) {
        return method.equals("GET") ? http.getAsStaff(path, user, "test-" + user) : http.postAsStaff(path, user, "test-" + user, null);
    }
}
