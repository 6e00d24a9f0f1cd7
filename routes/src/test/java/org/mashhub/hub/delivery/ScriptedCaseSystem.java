package org.mashhub.hub.delivery;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/** A case system over real HTTP that answers as scripted (status and headers) and keeps what it was sent. */
final class ScriptedCaseSystem implements AutoCloseable {

    record Answer(int status, Map<String, String> headers) {
        static Answer of(int status, String... headerPairs) {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (int i = 0; i < headerPairs.length; i += 2) {
                headers.put(headerPairs[i], headerPairs[i + 1]);
            }
            return new Answer(status, headers);
        }
    }

    record Request(long receivedNanos, Headers headers, byte[] body) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    ScriptedCaseSystem() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/events", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            requests.add(new Request(System.nanoTime(), exchange.getRequestHeaders(), body));
            Answer answer = script.isEmpty() ? Answer.of(201) : script.poll();
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(answer.status(), -1);
            exchange.close();
        });
        server.start();
    }

    /** The next requests get these answers, in order; after them, 201. */
    ScriptedCaseSystem answer(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
