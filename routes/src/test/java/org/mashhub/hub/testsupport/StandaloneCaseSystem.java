package org.mashhub.hub.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.mashhub.hub.casesystem.SimulatedCaseSystem;
import java.util.List;
import org.mashhub.hub.edge.WebhookSignature;

/** The simulated case system in its own HTTP server, for tests where the hub runs as a separate process. */
public final class StandaloneCaseSystem implements AutoCloseable {

    private final SimulatedCaseSystem caseSystem;
    private final int port;
    private HttpServer server;

    public StandaloneCaseSystem(int port, String signingSecret) {
        this.port = port;
        this.caseSystem = new SimulatedCaseSystem(List.of(WebhookSignature.Secret.parse(signingSecret)));
    }

    public SimulatedCaseSystem caseSystem() {
        return caseSystem;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public StandaloneCaseSystem start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/events", this::receive);
        server.start();
        return this;
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(1 << 20);
        }
        int status = caseSystem.receive(exchange.getRequestHeaders()::getFirst, body);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
