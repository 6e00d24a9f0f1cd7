package org.mashhub.hub.ingest.police;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Holder;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.handler.MessageContext;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.xml.namespace.QName;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.PartnerHttpClient;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.police.Notice;
import org.mashhub.schemas.police.SubmitPublicProtectionNotice;
import org.mashhub.schemas.police.service.PublicProtectionNoticePort;

/**
 * Police forces' clients the hub did not write, each reading the WSDL and XSD the hub serves: Debian's python3-zeep
 * (a Python shop's client, building the notice from zeep's own types), and a JAX-WS client that takes its service
 * description from the served WSDL. Each notice is accepted and delivered; a resend by another client gets the first
 * receipt.
 */
class OtherSoapClientsIT extends HubIntegrationTest {

    static final Path EXAMPLE = Path.of("..", "schemas", "police", "examples", "domestic-abuse-two-children.xml");
    static final Path ZEEP_CLIENT = Path.of("src", "test", "resources", "clients", "zeep_police_notice.py");
    /** Debian's Python, where .ci/run installs python3-zeep (a python3 earlier on the PATH may lack it). */
    static final String PYTHON = Files.exists(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    @Test
    void pythonZeepFromTheServedWsdlSendsANoticeThatIsDelivered() throws Exception {
        String noticeId = "PPN-ZEEP-" + UUID.randomUUID();

        JsonNode answer = zeep(noticeId);

        assertThat(answer.path("fault").isMissingNode()).as(answer.toString()).isTrue();
        assertThat(answer.get("noticeId").asText()).isEqualTo(noticeId);
        assertThat(answer.get("status").asText()).isEqualTo("accepted");
        List<String> events = new ArrayList<>();
        answer.get("events").forEach(e -> events.add(e.asText()));
        assertThat(events).hasSize(4); // two children, a referral and a police contact each
        awaitDelivered(events);
    }

    @Test
    void aJaxWsClientFromTheServedWsdlAndZeepResendingTheSameNoticeGetOneReceipt() throws Exception {
        String noticeId = "PPN-JAXWS-" + UUID.randomUUID();
        Service service = Service.create(URI.create("http://127.0.0.1:" + port + "/services/police?wsdl").toURL(),
                new QName("urn:mash-hub:police:ppn:service:v1", "PublicProtectionNoticeService"));
        PublicProtectionNoticePort port = service.getPort(PublicProtectionNoticePort.class);
        ((BindingProvider) port).getRequestContext().put(MessageContext.HTTP_REQUEST_HEADERS,
                Map.of("Authorization", List.of("Bearer " + PartnerHttpClient.POLICE_KEY)));
        Notice notice = jakarta.xml.bind.JAXBContext.newInstance(SubmitPublicProtectionNotice.class).createUnmarshaller()
                .unmarshal(new StreamSource(new StringReader(Files.readString(EXAMPLE))), SubmitPublicProtectionNotice.class)
                .getValue().getNotice();
        notice.setNoticeId(noticeId);
        Holder<String> receipt = new Holder<>();
        Holder<List<String>> eventIds = new Holder<>(new ArrayList<>());

        port.submitPublicProtectionNotice(notice, receipt, new Holder<>(), new Holder<>(), eventIds);
        JsonNode again = zeep(noticeId);

        assertThat(receipt.value).isNotBlank();
        assertThat(again.path("receipt").asText()).as(again.toString()).isEqualTo(receipt.value);
        assertThat(again.get("events")).extracting(JsonNode::asText).containsExactlyElementsOf(eventIds.value);
    }

    /** Runs the zeep client against this hub; its JSON answer. */
    private JsonNode zeep(String noticeId) throws Exception {
        Process python = new ProcessBuilder(PYTHON, ZEEP_CLIENT.toString(), "http://127.0.0.1:" + port + "/services/police?wsdl",
                PartnerHttpClient.POLICE_KEY, EXAMPLE.toString(), noticeId).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(output).isZero();
        return CanonicalJson.mapper().readTree(output.lines().reduce((a, b) -> b).orElse(""));
    }
}
