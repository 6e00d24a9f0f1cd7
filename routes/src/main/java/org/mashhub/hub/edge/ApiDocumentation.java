package org.mashhub.hub.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mashhub.schemas.CanonicalJson;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The OpenAPI 3.1 document of the hub's REST APIs, generated from the controllers by springdoc and served without
 * credentials at {@code /v3/api-docs} (and {@code .yaml}); {@code schemas/openapi/hub.yaml} is a copy kept in the
 * repository ({@code ApiDocumentationIT} fails when the two differ). What generation cannot know is added here: who
 * may call what (a partner's key, or a member of staff), that every error is {@code application/problem+json} with the
 * problems listed, and the example messages of {@code schemas/}.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String PARTNER_KEY = "partnerKey";
    static final String STAFF = "staff";
    static final String CASE_SYSTEM_KEY = "caseSystemKey";
    /** The partner APIs; every other path is staff's. */
    static final List<String> PARTNER_PATHS = List.of("/api/v1/housing/", "/api/v1/schools/", "/api/v1/partner/");

    @Bean
    OpenAPI hubApi() {
        return new OpenAPI()
                .info(new Info().title("MASH Hub").version("v1").description("""
                        The REST APIs of MASH Hub: partners send housing notifications and school files with their key; \
                        staff (practitioners, managers, auditors, engineers) work referrals, identity, sharing, consent, \
                        the audit and the partner connections. Police notices (SOAP, `/services/police?wsdl`) and health \
                        messages (FHIR R4, `/fhir/metadata`) have their own contracts. Every error is \
                        `application/problem+json` listing every problem found."""))
                // Relative: the document is the same whichever address it is fetched from.
                .servers(List.of(new Server().url("/").description("this hub")))
                .components(new Components()
                        .addSecuritySchemes(PARTNER_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A partner's API key (`Authorization: Bearer <key>`), issued per connection by "
                                        + "the council's integration engineers."))
                        .addSecuritySchemes(CASE_SYSTEM_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("The case system's own key (`Authorization: Bearer <key>`), for what it reports back; "
                                        + "its hash is hub.case-system.inbound-key-hash."))
                        .addSecuritySchemes(STAFF, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A member of staff: HTTP Basic with the demo's accounts; in production the council's "
                                        + "identity provider (OpenID Connect) signs staff in and the session cookie is used.")));
    }

    /** Security, problem details and examples on every operation. */
    @Bean
    OpenApiCustomizer hubApiDetails() {
        Map<String, Example> housingExamples = examples("classpath*:schemas/housing/examples/*.json");
        Map<String, Example> schoolFileExamples = examples("classpath*:schemas/schools/examples/*");
        Map<String, Schema> housingSchemas = jsonSchema("HousingNotification", "/schemas/housing/housing-notification.v1.schema.json");
        return api -> {
            // Added after generation, which replaces the schemas it did not make.
            api.getComponents().addSchemas("Problem", problemSchema());
            housingSchemas.forEach(api.getComponents()::addSchemas);
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                boolean partner = PARTNER_PATHS.stream().anyMatch(path::startsWith);
                boolean caseSystem = path.startsWith("/api/v1/case-system/");
                operation.setSecurity(List.of(new SecurityRequirement().addList(partner ? PARTNER_KEY : caseSystem ? CASE_SYSTEM_KEY : STAFF)));
                if (caseSystem) {
                    operation.getResponses().computeIfAbsent("401", s -> new ApiResponse().description("No valid case-system key"));
                } else if (partner) {
                    // The partner edge's own answers, before any controller (security/PartnerKeyFilter, IngestAdmission).
                    operation.getResponses().computeIfAbsent("401", s -> new ApiResponse().description("No valid partner key"));
                    operation.getResponses().computeIfAbsent("429", s -> new ApiResponse()
                            .description("Too many requests with keys that are not valid from this address; Retry-After says when to try again"));
                    operation.getResponses().computeIfAbsent("503", s -> new ApiResponse()
                            .description("Busy, starting or unable to store: nothing accepted; send the same again after Retry-After"));
                } else {
                    operation.getResponses().computeIfAbsent("401", s -> new ApiResponse().description("Not signed in"));
                    operation.getResponses().computeIfAbsent("403", s -> new ApiResponse().description("Not allowed for your role"));
                }
                problemDetails(operation);
                if (path.startsWith("/api/v1/housing/") && operation.getRequestBody() != null) {
                    operation.getRequestBody().getContent().values().forEach(media -> media.setExamples(housingExamples));
                }
                if (path.equals("/api/v1/schools/files") && operation.getRequestBody() != null) {
                    operation.getRequestBody().getContent().values().forEach(media -> media.setExamples(schoolFileExamples));
                }
            }));
        };
    }

    /**
     * A JSON Schema of {@code schemas/} (2020-12, which OpenAPI 3.1 takes as it is) as components: the schema under its
     * name, each of its {@code $defs} beside it ({@code HousingNotification.member}), its references pointed there.
     */
    @SuppressWarnings("rawtypes")
    private static Map<String, Schema> jsonSchema(String name, String resource) {
        try (InputStream in = ApiDocumentation.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"#/$defs/", "\"#/components/schemas/" + name + ".");
            ObjectNode root = (ObjectNode) CanonicalJson.mapper().readTree(text);
            root.remove(List.of("$schema", "$id"));
            JsonNode defs = root.remove("$defs");
            Map<String, Schema> schemas = new TreeMap<>();
            schemas.put(name, Json31.mapper().convertValue(root, Schema.class));
            if (defs != null) {
                defs.fields().forEachRemaining(def -> schemas.put(name + "." + def.getKey(),
                        Json31.mapper().convertValue(def.getValue(), Schema.class)));
            }
            return schemas;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 9457 problem details as the hub writes them, with every problem found in {@code errors}. */
    private static Schema<?> problemSchema() {
        ObjectSchema error = new ObjectSchema();
        error.addProperty("pointer", new StringSchema().description("Where the problem is: a JSON Pointer, a CSV row and column, or an XPath"));
        error.addProperty("detail", new StringSchema().description("What is wrong there"));
        ObjectSchema problem = new ObjectSchema();
        problem.description("Problem details (RFC 9457). Nothing of a refused request is kept.");
        problem.addProperty("type", new StringSchema().format("uri"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema().format("uri-reference"));
        problem.addProperty("correlationId", new StringSchema().description("The id the hub logged this request under"));
        problem.addProperty("errors", new ArraySchema().items(error).description("Every problem found, where there are several"));
        return problem;
    }

    /** Every 4xx and 5xx answer is problem details; springdoc would otherwise describe Spring's ProblemDetail class as {@code *}/{@code *}. */
    private static void problemDetails(Operation operation) {
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
            }
        });
    }

    /**
     * The example files, by name, as OpenAPI examples: JSON as the body itself, a school's CSV or XML file as the
     * multipart form's {@code file} part.
     */
    private static Map<String, Example> examples(String pattern) {
        Map<String, Example> examples = new TreeMap<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver().getResources(pattern)) {
                try (InputStream in = file.getInputStream()) {
                    String name = file.getFilename();
                    Object value = name.endsWith(".json") ? CanonicalJson.mapper().readTree(in)
                            : Map.of("file", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                    name = name.replaceFirst("\\.json$", "");
                    examples.put(name, new Example().summary(name.replace('-', ' ')).value(value));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }
}
