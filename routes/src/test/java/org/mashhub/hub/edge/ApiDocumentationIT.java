package org.mashhub.hub.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.PartnerHttpClient;

/**
 * The REST APIs' OpenAPI document as served: without credentials, valid as swagger-parser (a third party's reading of
 * OpenAPI 3.1) finds it, describing who may call what and the problem details, and equal to the repository's copy,
 * {@code schemas/openapi/hub.yaml}. After a change to the APIs, {@code -Dopenapi.write=true} writes the copy anew.
 */
class ApiDocumentationIT extends HubIntegrationTest {

    static final Path COPY = Path.of("..", "schemas", "openapi", "hub.yaml");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private HttpResponse<String> served(String path) {
        return new PartnerHttpClient(port).getAsStaff(path, null, null);
    }

    @Test
    void isServedWithoutCredentialsAndIsValidOpenApi31() {
        HttpResponse<String> json = served("/v3/api-docs");
        assertThat(json.statusCode()).isEqualTo(200);

        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(json.body(), null, options);

        assertThat(parsed.getMessages()).as("swagger-parser's findings").isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1");
        assertThat(parsed.getOpenAPI().getPaths()).containsKeys("/api/v1/housing/notifications", "/api/v1/schools/files",
                "/api/v1/identity/match", "/api/v1/sharing/agreements", "/api/v1/consent", "/api/v1/audit/entries",
                "/api/v1/admin/connections");
    }

    @Test
    void namesWhoMayCallEachOperationAndDescribesEveryErrorAsProblemDetails() throws Exception {
        JsonNode api = PartnerHttpClient.json(served("/v3/api-docs"));

        assertThat(api.at("/components/securitySchemes/partnerKey/scheme").asText()).isEqualTo("bearer");
        assertThat(api.at("/components/securitySchemes/staff/type").asText()).isEqualTo("http");
        JsonNode housing = api.at("/paths/~1api~1v1~1housing~1notifications/post");
        assertThat(housing.at("/security/0").fieldNames().next()).isEqualTo("partnerKey");
        assertThat(api.at("/paths/~1api~1v1~1audit~1entries/get/security/0").fieldNames().next()).isEqualTo("staff");
        assertThat(housing.at("/requestBody/content/application~1json/examples").fieldNames())
                .toIterable().contains("eviction-notice-with-safeguarding-concern");
        List<String> errorsNotProblems = new ArrayList<>();
        api.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                operation.getValue().path("responses").fields().forEachRemaining(response -> {
                    if (response.getKey().matches("[45]..") && !response.getValue().path("content").has("application/problem+json")) {
                        errorsNotProblems.add(operation.getKey() + " " + path.getKey() + " " + response.getKey());
                    }
                })));
        assertThat(errorsNotProblems).isEmpty();
        assertThat(api.at("/components/schemas/Problem/properties/errors/type").asText()).isEqualTo("array");
    }

    @Test
    void aStaffApiRefusesAsDocumentedWithProblemDetails() {
        HttpResponse<String> anonymous = served("/api/v1/audit/entries");
        HttpResponse<String> practitioner = new PartnerHttpClient(port).getAsStaff("/api/v1/audit/entries", "practitioner", "test-practitioner");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(PartnerHttpClient.json(anonymous).get("title").asText()).isEqualTo("Not signed in");
        HttpResponse<String> wrongPassword = new PartnerHttpClient(port).getAsStaff("/api/v1/audit/entries", "auditor", "not-the-password");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(wrongPassword.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Realm\"");
        assertThat(practitioner.statusCode()).isEqualTo(403);
        assertThat(PartnerHttpClient.json(practitioner).get("title").asText()).isEqualTo("Not allowed for your role");
    }

    @Test
    void theRepositorysCopyIsWhatIsServed() throws Exception {
        String served = served("/v3/api-docs.yaml").body();
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COPY, served);
        }
        assertThat(YAML.readTree(Files.readString(COPY)))
                .as("schemas/openapi/hub.yaml differs from /v3/api-docs.yaml: run this test with -Dopenapi.write=true and commit it")
                .isEqualTo(YAML.readTree(served));
    }
}
