package org.mashhub.hub.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.mashhub.schemas.CanonicalJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/** A district council's housing system: sends the housing examples in turn, each as a new message. */
@Component
@ConditionalOnProperty(name = "hub.demo.traffic", havingValue = "true")
class SimulatedHousingPartner {

    private static final Logger log = LoggerFactory.getLogger(SimulatedHousingPartner.class);

    private final DemoProperties properties;
    private final Environment environment;
    private final List<ObjectNode> examples = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SimulatedHousingPartner(DemoProperties properties, Environment environment) throws IOException {
        this.properties = properties;
        this.environment = environment;
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:schemas/housing/examples/*.json");
        Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
        for (Resource resource : resources) {
            try (InputStream in = resource.getInputStream()) {
                examples.add((ObjectNode) CanonicalJson.mapper().readTree(in));
            }
        }
    }

    void sendOne() throws IOException, InterruptedException {
        if (examples.isEmpty()) {
            return;
        }
        ObjectNode message = examples.get(Math.floorMod(next.getAndIncrement(), examples.size())).deepCopy();
        message.put("messageId", "DEMO-" + UUID.randomUUID());
        message.put("sentAt", Instant.now().toString());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + environment.getProperty("local.server.port", "8080") + "/api/v1/housing/notifications"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + properties.housingKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(CanonicalJson.mapper().writeValueAsBytes(message)))
                .build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        log.info("Simulated housing partner sent {}: {}", message.get("messageId").asText(), response.statusCode());
    }
}
