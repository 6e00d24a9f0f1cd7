package org.mashhub.hub.ingest.police;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The served WSDL names the hub's configured address ({@code hub.public-url}) in its {@code soap:address} and
 * {@code schemaLocation}, whatever {@code Host} the client sent: a client generated from it talks to the hub.
 */
@TestPropertySource(properties = "hub.public-url=https://mash-hub.council.example")
class PublishedAddressIT extends HubIntegrationTest {

    @Test
    void theWsdlNamesTheConfiguredAddressNotTheHostHeader() throws Exception {
        String wsdl = get("/services/police?wsdl", "attacker.example");

        assertThat(wsdl).contains("location=\"https://mash-hub.council.example/services/police\"")
                .contains("schemaLocation=\"https://mash-hub.council.example/services/police?xsd=")
                .doesNotContain("attacker.example");
    }

    /** A raw request: Java's HTTP client will not send a Host header of the caller's choosing. */
    private String get(String path, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
