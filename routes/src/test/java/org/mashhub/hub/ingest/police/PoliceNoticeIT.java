package org.mashhub.hub.ingest.police;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Holder;
import jakarta.xml.ws.handler.MessageContext;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mashhub.hub.casesystem.SimulatedCaseSystem;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.PartnerHttpClient;
import org.mashhub.schemas.police.Notice;
import org.mashhub.schemas.police.SubmitPublicProtectionNotice;
import org.mashhub.schemas.police.service.NoticeRefused;
import org.mashhub.schemas.police.service.PublicProtectionNoticePort;
import org.mashhub.schemas.police.service.PublicProtectionNoticeService;

/**
 * Police forces through the whole hub: a CXF client generated from the same WSDL as the endpoint, and
 * raw SOAP envelopes over plain HTTP for what a generated client would never send (XXE, billion laughs,
 * oversized messages).
 */
class PoliceNoticeIT extends HubIntegrationTest {

    static final Path EXAMPLES = Path.of("..", "schemas", "police", "examples");
    static final String SOAP_ACTION = "urn:mash-hub:police:ppn:service:v1:SubmitPublicProtectionNotice";

    @ParameterizedTest
    @ValueSource(strings = {"domestic-abuse-two-children.xml", "missing-child.xml", "child-criminal-exploitation.xml"})
    void everyExampleGetsAReceiptAndItsEventsReachTheCaseSystem(String example) throws Exception {
        Notice notice = notice(example);
        Submitted submitted = submit(client(PartnerHttpClient.POLICE_KEY), notice);

        int children = notice.getChildren().getChild().size();
        assertThat(submitted.receipt()).isNotBlank();
        assertThat(submitted.status()).isEqualTo("accepted");
        assertThat(submitted.noticeId()).isEqualTo(notice.getNoticeId());
        assertThat(submitted.eventIds()).hasSize(2 * children);
        awaitDelivered(submitted.eventIds());
        List<JsonNode> events = submitted.eventIds().stream().map(this::event).toList();
        assertThat(events).extracting(e -> e.at("/source/agency").asText()).containsOnly("police");
        assertThat(events).extracting(e -> e.has("recordType") ? e.get("recordType").asText() : e.get("eventType").asText())
                .containsOnly("ReferralEvent", "POLICE_CONTACT");
        assertThat(audited().queryForList("select action from audit_entry where hub_message_id = ? order by seq", String.class,
                submitted.receipt())).startsWith("RECEIVED").contains("PUBLISHED", "DELIVERED");
    }

    @Test
    void theSameNoticeAgainGetsTheSameReceiptAndNoSecondEvent() throws Exception {
        Notice notice = notice("missing-child.xml");
        PublicProtectionNoticePort port = client(PartnerHttpClient.POLICE_KEY);

        Submitted first = submit(port, notice);
        notice.setSubmittedAt(javax.xml.datatype.DatatypeFactory.newInstance().newXMLGregorianCalendar("2026-11-21T11:00:00Z"));
        Submitted again = submit(port, notice);

        assertThat(again.receipt()).isEqualTo(first.receipt());
        assertThat(again.eventIds()).isEqualTo(first.eventIds());
        await().atMost(Duration.ofSeconds(20)).until(() -> first.eventIds().stream().allMatch(this::held));
        assertThat(first.eventIds()).allSatisfy(id -> assertThat(caseSystem.attempts(id)).isEqualTo(1));
    }

    /** As another client writes the same notice: a namespace prefix, +00:00 for Z, other whitespace. */
    @Test
    void anotherClientsResendOfTheSameNoticeGetsTheFirstReceipt() throws Exception {
        String id = "PPN-RESEND-" + UUID.randomUUID();
        String notice = java.nio.file.Files.readString(EXAMPLES.resolve("missing-child.xml")).replaceFirst("<\\?xml[^>]*\\?>\\s*", "")
                .replace("PPN-DC-2026-004530", id);
        String another = notice.replace("<SubmitPublicProtectionNotice xmlns=\"urn:mash-hub:police:ppn:v1\">",
                        "<ppn:SubmitPublicProtectionNotice xmlns:ppn=\"urn:mash-hub:police:ppn:v1\">")
                .replace("</SubmitPublicProtectionNotice>", "</ppn:SubmitPublicProtectionNotice>")
                .replaceAll("<(/?)(?!ppn:)([A-Za-z]+)([ >])", "<$1ppn:$2$3")
                .replace("2026-11-19T18:00:00Z", "2026-11-19T18:00:00.000+00:00")
                .replace("2026-11-21T10:05:00Z", "2026-11-21T10:07:30Z")
                .replaceAll(">\\s+<", "><").strip();
        assertThat(another).contains("<ppn:NoticeId>", "+00:00").doesNotContain("\n");

        HttpResponse<String> first = postSoap(PartnerHttpClient.POLICE_KEY, envelope(notice));
        HttpResponse<String> again = postSoap(PartnerHttpClient.POLICE_KEY, envelope(another));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(receiptOf(again.body())).isEqualTo(receiptOf(first.body()));
    }

    @Test
    void aWrongSoapActionIsTheClientsFault() {
        String notice = envelope("<SubmitPublicProtectionNotice xmlns=\"urn:mash-hub:police:ppn:v1\"/>");
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/services/police"))
                    .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"urn:not-an-operation\"")
                    .header("Authorization", "Bearer " + PartnerHttpClient.POLICE_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(notice)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(response.body()).contains("soap:Fault").containsPattern("<faultcode>[^<]*Client</faultcode>");
    }

    private static String receiptOf(String soapResponse) {
        return soapResponse.replaceAll("(?s).*<(?:\\w+:)?Receipt>([^<]+)</(?:\\w+:)?Receipt>.*", "$1");
    }

    @Test
    void theSameNoticeIdWithOtherContentIsRefused() throws Exception {
        Notice notice = notice("missing-child.xml");
        PublicProtectionNoticePort port = client(PartnerHttpClient.POLICE_KEY);
        submit(port, notice);
        notice.setNarrative("A different account of the incident.");

        NoticeRefused refused = catchThrowableOfType(NoticeRefused.class, () -> submit(port, notice));

        assertThat(refused.getFaultInfo().getReason()).contains("accepted before with different content");
    }

    @Test
    void anInvalidNoticeGetsAFaultListingEveryProblemAndNothingIsKept() throws Exception {
        Notice notice = notice("domestic-abuse-two-children.xml");
        notice.setDashRiskLevel(null);
        notice.getConsent().setReasonSharingNecessary(null);
        notice.getChildren().getChild().get(1).setBirthDate(
                javax.xml.datatype.DatatypeFactory.newInstance().newXMLGregorianCalendar("2099-01-01"));

        NoticeRefused refused = catchThrowableOfType(NoticeRefused.class, () -> submit(client(PartnerHttpClient.POLICE_KEY), notice));

        assertThat(refused.getFaultInfo().getProblem()).extracting(p -> p.getLocation()).containsExactlyInAnyOrder(
                "/SubmitPublicProtectionNotice/Notice/DashRiskLevel",
                "/SubmitPublicProtectionNotice/Notice/Consent/ReasonSharingNecessary",
                "/SubmitPublicProtectionNotice/Notice/Children/Child[2]/BirthDate");
        assertNothingKept(notice.getNoticeId());
    }

    @Test
    void aNoticeAboutAnAdultIsRefusedAndAudited() throws Exception {
        Notice notice = notice("missing-child.xml");
        notice.getChildren().getChild().get(0).setBirthDate(
                javax.xml.datatype.DatatypeFactory.newInstance().newXMLGregorianCalendar("1990-05-05"));
        String correlationId = "it-" + UUID.randomUUID();
        PublicProtectionNoticePort port = client(PartnerHttpClient.POLICE_KEY);
        ((BindingProvider) port).getRequestContext().put(MessageContext.HTTP_REQUEST_HEADERS, Map.of(
                "Authorization", List.of("Bearer " + PartnerHttpClient.POLICE_KEY), "X-Correlation-Id", List.of(correlationId)));

        NoticeRefused refused = catchThrowableOfType(NoticeRefused.class, () -> submit(port, notice));

        assertThat(refused.getFaultInfo().getReason()).contains("about an adult");
        assertThat(audited().queryForList("select detail from audit_entry where correlation_id = ? and action = 'REJECTED'",
                String.class, correlationId)).singleElement().asString().contains("not-a-child");
        assertNothingKept(notice.getNoticeId());
    }

    @Test
    void aRawSoapEnvelopeOverPlainHttpIsAcceptedAndNoRequestHeaderComesBack() throws Exception {
        String noticeId = "IT-" + UUID.randomUUID();
        HttpResponse<String> response = postSoap(PartnerHttpClient.POLICE_KEY, envelope(example("missing-child.xml")
                .replace("PPN-DC-2026-004530", noticeId)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/xml"));
        assertThat(response.body()).contains("<Status>accepted</Status>", "<NoticeId>" + noticeId + "</NoticeId>");
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("Authorization") || h.startsWith("Mash"));
        assertThat(response.body()).doesNotContain(PartnerHttpClient.POLICE_KEY);
    }

    @Test
    void theWsdlIsPublicAndNoticesNeedAPoliceKey() {
        HttpResponse<String> wsdl = http.getAsStaff("/services/police?wsdl", null, null);
        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("SubmitPublicProtectionNotice", "ppn-v1.xsd");
        HttpResponse<String> xsd = http.getAsStaff("/services/police?xsd=ppn-v1.xsd", null, null);
        assertThat(xsd.body()).contains("NoticeRefused");
        // Any other GET is not a SOAP call: 405 as a Fault, not CXF's server Fault for an empty message (500).
        HttpResponse<String> plainGet = http.getAsStaff("/services/police", null, null);
        assertThat(plainGet.statusCode()).as(plainGet.body()).isEqualTo(405);
        assertThat(plainGet.headers().firstValue("Allow")).hasValue("POST");
        assertThat(plainGet.body()).contains("<soap:Fault>", "<faultcode>soap:Client</faultcode>", "?wsdl");

        String body = envelope(example("missing-child.xml").replace("PPN-DC-2026-004530", "IT-" + UUID.randomUUID()));
        HttpResponse<String> noKey = postSoap(null, body);
        HttpResponse<String> housingKey = postSoap(PartnerHttpClient.HOUSING_KEY, body);

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.body()).contains("<soap:Fault>", "Bearer");
        assertThat(housingKey.statusCode()).isEqualTo(403);
        assertThat(housingKey.body()).contains("<soap:Fault>");
    }

    @Test
    void anExternalEntityReadingALocalFileGetsAFaultAndReadsNothing(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-POLICE-FILE");
        String noticeId = "IT-" + UUID.randomUUID();
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM \"file://" + secret + "\">]>"
                + envelope(example("missing-child.xml").replace("PPN-DC-2026-004530", noticeId)
                .replace("Third missing episode", "&xxe; Third missing episode"));

        String correlationId = "it-" + UUID.randomUUID();
        HttpResponse<String> response = postSoap(PartnerHttpClient.POLICE_KEY, xxe, correlationId);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("<soap:Fault>").doesNotContain("TOP-SECRET-POLICE-FILE");
        assertNothingKept(noticeId);
        assertThat(audited().queryForList("select detail from audit_entry where correlation_id = ? and action = 'REJECTED'",
                String.class, correlationId)).singleElement().asString().contains("unreadable-soap");
    }

    @Test
    void aBillionLaughsGetsAFault() {
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]>").append(envelope("<SubmitPublicProtectionNotice xmlns=\"urn:mash-hub:police:ppn:v1\">&lol9;"
                + "</SubmitPublicProtectionNotice>"));

        HttpResponse<String> response = postSoap(PartnerHttpClient.POLICE_KEY, laughs.toString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("<soap:Fault>").doesNotContain("lollol");
    }

    @Test
    void anOversizedMessageGetsAFaultAndNothingIsKept() {
        String noticeId = "IT-" + UUID.randomUUID();
        String huge = envelope(example("missing-child.xml").replace("PPN-DC-2026-004530", noticeId)
                .replace("Third missing episode", "x".repeat(3_000_000)));

        HttpResponse<String> response = postSoap(PartnerHttpClient.POLICE_KEY, huge);

        assertThat(response.statusCode()).isIn(413, 500);
        assertThat(response.body()).contains("<soap:Fault>");
        assertNothingKept(noticeId);
    }

    @Test
    void deepNestingGetsAFault() {
        String deep = envelope("<SubmitPublicProtectionNotice xmlns=\"urn:mash-hub:police:ppn:v1\">" + "<a>".repeat(5000)
                + "</a>".repeat(5000) + "</SubmitPublicProtectionNotice>");

        HttpResponse<String> response = postSoap(PartnerHttpClient.POLICE_KEY, deep);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("<soap:Fault>");
    }

    record Submitted(String receipt, String noticeId, String status, List<String> eventIds) {
    }

    private static Submitted submit(PublicProtectionNoticePort port, Notice notice) throws NoticeRefused {
        Holder<String> receipt = new Holder<>();
        Holder<String> noticeId = new Holder<>();
        Holder<String> status = new Holder<>();
        Holder<List<String>> eventIds = new Holder<>(new ArrayList<>());
        port.submitPublicProtectionNotice(notice, receipt, noticeId, status, eventIds);
        return new Submitted(receipt.value, noticeId.value, status.value, eventIds.value);
    }

    /** The port of the service generated from ppn-v1.wsdl, at this hub, with the partner's key. */
    private PublicProtectionNoticePort client(String apiKey) {
        PublicProtectionNoticePort client = new PublicProtectionNoticeService().getPublicProtectionNoticePort();
        Map<String, Object> context = ((BindingProvider) client).getRequestContext();
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, "http://127.0.0.1:" + port + "/services/police");
        context.put(MessageContext.HTTP_REQUEST_HEADERS, Map.of("Authorization", List.of("Bearer " + apiKey)));
        return client;
    }

    /** An example notice under a notice id no other test uses. */
    private static Notice notice(String example) throws Exception {
        JAXBContext jaxb = JAXBContext.newInstance(SubmitPublicProtectionNotice.class);
        Notice notice = jaxb.createUnmarshaller()
                .unmarshal(new StreamSource(new StringReader(example(example))), SubmitPublicProtectionNotice.class)
                .getValue().getNotice();
        notice.setNoticeId("IT-" + UUID.randomUUID());
        return notice;
    }

    private static String example(String name) {
        try {
            return Files.readString(EXAMPLES.resolve(name)).replaceFirst("<\\?xml[^>]*\\?>\\s*", "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String envelope(String body) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
    }

    private HttpResponse<String> postSoap(String apiKey, String envelope) {
        return postSoap(apiKey, envelope, "it-" + UUID.randomUUID());
    }

    private HttpResponse<String> postSoap(String apiKey, String envelope, String correlationId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/services/police"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"" + SOAP_ACTION + "\"")
                .header("X-Correlation-Id", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString(envelope));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
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

    private void assertNothingKept(String noticeId) {
        assertThat(jdbc.queryForObject("select count(*) from inbound_message where partner_message_id = ?", Integer.class,
                noticeId)).isZero();
    }

    private boolean held(String eventId) {
        return caseSystem.received().stream().anyMatch(r -> r.idempotencyKey().equals(eventId));
    }

    private JsonNode event(String eventId) {
        return caseSystem.received().stream().filter(r -> r.idempotencyKey().equals(eventId))
                .map(SimulatedCaseSystem.Received::event).findFirst().orElseThrow();
    }
}
