package org.mashhub.bench.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The case system for the bench, in a process of its own: {@code POST /events} takes an event (201 the first time its
 * {@code Idempotency-Key} is seen, 409 after) and remembers when it arrived; {@code GET /arrivals} lists
 * {@code key,epochMillis} lines; {@code GET /count} how many. It does not check signatures: it measures the hub.
 * Argument: the port.
 */
public final class CaseSystemReceiver {

    public static void main(String[] args) throws IOException {
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 256);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/events", exchange -> {
            long now = System.currentTimeMillis();
            exchange.getRequestBody().readAllBytes();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            int status = key == null ? 400 : arrivals.putIfAbsent(key, now) == null ? 201 : 409;
            answer(exchange, status, "");
        });
        server.createContext("/arrivals", exchange -> {
            StringBuilder lines = new StringBuilder();
            arrivals.forEach((key, at) -> lines.append(key).append(',').append(at).append('\n'));
            answer(exchange, 200, lines.toString());
        });
        server.createContext("/count", exchange -> answer(exchange, 200, String.valueOf(arrivals.size())));
        server.start();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }
}
