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
 * (a Python shop's client, building the notice from zeep's own types); a client CXF's wsdl2java generates from the
 * served WSDL here, compiled and loaded by the test; and a JAX-WS client that takes its service description from the
 * served WSDL. Each notice is accepted and delivered; a resend by another client gets the first receipt.
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

    /** wsdl2java on the served WSDL, the code compiled and loaded, a notice sent through the generated port. */
    @Test
    void aClientGeneratedByWsdl2javaFromTheServedWsdlSendsANotice(@org.junit.jupiter.api.io.TempDir Path work) throws Exception {
        String wsdl = "http://127.0.0.1:" + port + "/services/police?wsdl";
        Path sources = Files.createDirectories(work.resolve("src"));
        new org.apache.cxf.tools.wsdlto.WSDLToJava(new String[] {"-d", sources.toString(), "-client", wsdl})
                .run(new org.apache.cxf.tools.common.ToolContext());
        List<Path> generated;
        try (var files = Files.walk(sources)) {
            generated = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        Path classes = Files.createDirectories(work.resolve("classes"));
        int compiled = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, java.util.stream.Stream.concat(
                java.util.stream.Stream.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")),
                generated.stream().map(Path::toString)).toArray(String[]::new));
        assertThat(compiled).isZero();

        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> serviceClass = loader.loadClass(className(sources, generated, "PublicProtectionNoticeService"));
            Object service = serviceClass.getConstructor(java.net.URL.class).newInstance(URI.create(wsdl).toURL());
            Object client = serviceClass.getMethod("getPublicProtectionNoticePort").invoke(service);
            ((BindingProvider) client).getRequestContext().put(MessageContext.HTTP_REQUEST_HEADERS,
                    Map.of("Authorization", List.of("Bearer " + PartnerHttpClient.POLICE_KEY)));
            Class<?> request = loader.loadClass(className(sources, generated, "SubmitPublicProtectionNotice"));
            String noticeId = "PPN-WSDL2JAVA-" + UUID.randomUUID();
            Object wrapper = jakarta.xml.bind.JAXBContext.newInstance(request).createUnmarshaller()
                    .unmarshal(new StreamSource(new StringReader(Files.readString(EXAMPLE).replace("PPN-DC-2026-004512", noticeId)
                            .replaceFirst("<NoticeId>[^<]+</NoticeId>", "<NoticeId>" + noticeId + "</NoticeId>"))), request).getValue();
            Object notice = request.getMethod("getNotice").invoke(wrapper);
            java.lang.reflect.Method submit = java.util.Arrays.stream(client.getClass().getMethods())
                    .filter(m -> m.getName().equals("submitPublicProtectionNotice")).findFirst().orElseThrow();
            Holder<String> receipt = new Holder<>();
            Holder<String> answeredId = new Holder<>();
            Holder<List<String>> eventIds = new Holder<>(new ArrayList<>());

            submit.invoke(client, notice, receipt, answeredId, new Holder<String>(), eventIds);

            assertThat(receipt.value).isNotBlank();
            assertThat(answeredId.value).isEqualTo(noticeId);
            assertThat(eventIds.value).hasSize(4);
            awaitDelivered(eventIds.value);
        }
    }

    /** The binary name of the generated class of this simple name. */
    private static String className(Path sources, List<Path> generated, String simpleName) {
        Path file = generated.stream().filter(f -> f.getFileName().toString().equals(simpleName + ".java")).findFirst().orElseThrow();
        String relative = sources.relativize(file).toString();
        return relative.substring(0, relative.length() - ".java".length()).replace(java.io.File.separatorChar, '.');
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
