package org.mashhub.hub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/**
 * The deployment files, read as the engineer's tools would (no Docker or Kubernetes here): the Kubernetes
 * ConfigMaps hold a connection the hub accepts with its agreement, the Deployment probes the actuator, and the
 * compose file runs two hubs on one broker and database.
 */
class DeploymentFilesTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    @Test
    void theKubernetesConfigMapsHoldAConnectionTheHubAccepts() throws IOException {
        List<JsonNode> maps = all(Path.of("..", "docker", "kubernetes", "connections-configmap.yaml"));
        Path connections = Files.createDirectories(dir.resolve("connections"));
        Path sharing = Files.createDirectories(dir.resolve("sharing"));
        for (JsonNode map : maps) {
            Path into = map.at("/metadata/name").asText().equals("mash-hub-connections") ? connections : sharing;
            map.get("data").fields().forEachRemaining(f -> write(into.resolve(f.getKey()), f.getValue().asText()));
        }
        MockEnvironment environment = new MockEnvironment().withProperty("hub.sharing.agreements-dir", sharing.toString())
                .withProperty("EXETER_HOUSING_KEY_HASH", "{hmac-sha256}5e48cd9d4e3a0ff3e12be1fc9ac08c2e4c29d8b98abfb4945a4d8d458922d373");

        ConnectionFiles files = new ConnectionFiles(new ConnectionFiles.Properties(connections, java.time.Duration.ofSeconds(5)),
                new PartnersProperties(List.of(), null), environment, event -> { });

        assertThat(files.refused()).isEmpty();
        assertThat(files.partners()).extracting(PartnersProperties.PartnerConfig::id).containsExactly("exeter-housing");
    }

    @Test
    void theDeploymentProbesTheActuatorAndComposeRunsTwoHubs() throws IOException {
        JsonNode deployment = all(Path.of("..", "docker", "kubernetes", "hub.yaml")).get(0);
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/readiness");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");

        // SnakeYAML, as Compose does, resolves the second hub's "<<: *hub".
        JsonNode compose = YAML.valueToTree(new org.yaml.snakeyaml.Yaml().load(Files.readString(Path.of("..", "docker", "compose.yaml"))));
        assertThat(compose.at("/services/hub-2/environment/HUB_BROKER_URL").asText())
                .isEqualTo(compose.at("/services/hub/environment/HUB_BROKER_URL").asText());
        assertThat(compose.at("/services/hub-2/environment/POSTGRES_URL").asText())
                .isEqualTo(compose.at("/services/hub/environment/POSTGRES_URL").asText());
        assertThat(compose.at("/services/hub-2/ports/0").asText()).isEqualTo("8081:8080");
    }

    private static List<JsonNode> all(Path file) throws IOException {
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            return YAML.readValues(parser, JsonNode.class).readAll();
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
