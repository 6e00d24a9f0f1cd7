package org.mashhub.hub.security;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every endpoint the hub maps (Spring MVC's own list, plus the SOAP service and the actuator, which other
 * servlets serve) as every kind of caller: anonymous, a partner of each kind, and each staff role. The table below
 * says who may reach what; an endpoint added without a line in it fails the test, so a new endpoint is never
 * open by default. "Reached" means the request got past security (any answer but 401, 403 or a redirect to the
 * login page); the requests carry made-up ids, so what is reached answers 400 or 404 and changes nothing.
 */
class EndpointAccessIT extends HubIntegrationTest {

    enum Caller { ANONYMOUS, HOUSING, HEALTH, POLICE, SCHOOLS, PRACTITIONER, MANAGER, AUDITOR, ENGINEER }

    static final Set<Caller> EVERYONE = EnumSet.allOf(Caller.class);
    static final Set<Caller> ANY_STAFF = EnumSet.of(Caller.PRACTITIONER, Caller.MANAGER, Caller.AUDITOR, Caller.ENGINEER);
    static final Set<Caller> CASEWORKERS = EnumSet.of(Caller.PRACTITIONER, Caller.MANAGER);

    /** Who may reach each endpoint; every mapped endpoint must be here. */
    static final Map<String, Set<Caller>> WHO_MAY = Map.ofEntries(
            // partners, each on its own interface only
            entry("POST /api/v1/housing/notifications", EnumSet.of(Caller.HOUSING)),
            entry("POST /api/v1/schools/files", EnumSet.of(Caller.SCHOOLS)),
            entry("GET /api/v1/schools/files/{fileId}", EnumSet.of(Caller.SCHOOLS)),
            entry("GET /api/v1/schools/files/{fileId}/errors", EnumSet.of(Caller.SCHOOLS)),
            // what the case system reports back, with its own key (no partner's, no member of staff's)
            entry("POST /api/v1/case-system/outcomes", EnumSet.noneOf(Caller.class)),
            // what the hub sends back: every partner pulls its own
            entry("GET /api/v1/partner/notifications", EnumSet.of(Caller.HOUSING, Caller.HEALTH, Caller.POLICE, Caller.SCHOOLS)),
            entry("POST /api/v1/partner/notifications/{notificationId}/ack",
                    EnumSet.of(Caller.HOUSING, Caller.HEALTH, Caller.POLICE, Caller.SCHOOLS)),
            entry("POST /api/v1/partner/enquiries/{requestId}/response",
                    EnumSet.of(Caller.HOUSING, Caller.HEALTH, Caller.POLICE, Caller.SCHOOLS)),
            entry("POST /api/v1/enquiries", CASEWORKERS),
            entry("GET /api/v1/enquiries", CASEWORKERS),
            entry("GET /api/v1/enquiries/{enquiryId}", CASEWORKERS),
            entry("GET /fhir/metadata", EVERYONE),
            entry("POST /fhir", EnumSet.of(Caller.HEALTH)),
            entry("POST /fhir/$process-message", EnumSet.of(Caller.HEALTH)),
            // the hub's profiles and the like, and their package: open, as a partner's validator loads them
            entry("GET /fhir/{type:StructureDefinition|CodeSystem|ValueSet|MessageDefinition}", EVERYONE),
            entry("GET /fhir/{type:StructureDefinition|CodeSystem|ValueSet|MessageDefinition}/{id}", EVERYONE),
            entry("GET /fhir/package.tgz", EVERYONE),
            // anything else under /fhir: an OperationOutcome 404 or 405, for health partners
            entry("GET /fhir/**", EnumSet.of(Caller.HEALTH)),
            entry("POST /fhir/**", EnumSet.of(Caller.HEALTH)),
            entry("PUT /fhir/**", EnumSet.of(Caller.HEALTH)),
            entry("PATCH /fhir/**", EnumSet.of(Caller.HEALTH)),
            entry("DELETE /fhir/**", EnumSet.of(Caller.HEALTH)),
            entry("GET /services/police", EVERYONE), // the WSDL: the contract is public
            entry("POST /services/police", EnumSet.of(Caller.POLICE)),
            // staff
            entry("GET /login", EVERYONE),
            entry("GET /mash", ANY_STAFF),
            entry("GET /mash/dashboard", ANY_STAFF),
            entry("GET /mash/session", ANY_STAFF),
            entry("GET /mash/dashboard.csv", ANY_STAFF),
            entry("GET /mash/time-to-answer.csv", ANY_STAFF),
            entry("GET /mash/search", CASEWORKERS),
            entry("GET /mash/children/{hubChildId}", CASEWORKERS),
            entry("GET /mash/children/{hubChildId}/views", EnumSet.of(Caller.AUDITOR)),
            entry("POST /mash/children/{hubChildId}/enquiries", CASEWORKERS),
            entry("GET /mash/referrals/{eventId}", CASEWORKERS),
            entry("POST /mash/referrals/{eventId}/decision", CASEWORKERS),
            entry("POST /mash/referrals/{eventId}/undo", CASEWORKERS),
            entry("POST /mash/referrals/{eventId}/allocate", CASEWORKERS),
            entry("POST /mash/referrals/{eventId}/sign-off", EnumSet.of(Caller.MANAGER)),
            entry("GET /mash/sign-off", EnumSet.of(Caller.MANAGER)),
            entry("GET /api/v1/referrals", CASEWORKERS),
            entry("POST /api/v1/referrals/{eventId}/decision", CASEWORKERS),
            entry("GET /api/v1/referrals/{eventId}/decision", CASEWORKERS),
            entry("DELETE /api/v1/referrals/{eventId}/decision", CASEWORKERS),
            entry("POST /api/v1/referrals/{eventId}/decision/sign-off", EnumSet.of(Caller.MANAGER)),
            entry("POST /api/v1/referrals/{eventId}/allocation", CASEWORKERS),
            entry("GET /mash/reviews", CASEWORKERS),
            entry("GET /mash/reviews/{reviewId}", CASEWORKERS),
            entry("POST /mash/reviews/{reviewId}/check", CASEWORKERS),
            entry("POST /mash/reviews/{reviewId}/link", CASEWORKERS),
            entry("POST /mash/reviews/{reviewId}/new-child", CASEWORKERS),
            entry("GET /mash/withheld", CASEWORKERS),
            entry("GET /mash/withheld/{eventId}", EnumSet.of(Caller.MANAGER)),
            entry("POST /mash/withheld/{eventId}/check", EnumSet.of(Caller.MANAGER)),
            entry("POST /mash/withheld/{eventId}/release", EnumSet.of(Caller.MANAGER)),
            entry("POST /mash/withheld/{eventId}/refuse", EnumSet.of(Caller.MANAGER)),
            entry("GET /mash/parked", EnumSet.of(Caller.ENGINEER)),
            entry("POST /mash/parked/{eventId}/replay", EnumSet.of(Caller.ENGINEER)),
            entry("POST /mash/parked/{eventId}/discard", EnumSet.of(Caller.ENGINEER)),
            entry("POST /mash/parked/notifications/{notificationId}/replay", EnumSet.of(Caller.ENGINEER)),
            // engineers see ids and counts, never a child's details
            entry("GET /api/v1/identity/reviews", CASEWORKERS),
            entry("GET /api/v1/identity/reviews/{reviewId}", CASEWORKERS),
            entry("POST /api/v1/identity/reviews/{reviewId}/link", CASEWORKERS),
            entry("POST /api/v1/identity/reviews/{reviewId}/new-child", CASEWORKERS),
            entry("POST /api/v1/identity/match", CASEWORKERS),
            entry("POST /api/v1/identity/children", EnumSet.of(Caller.ENGINEER)),
            entry("POST /api/v1/identity/model/refresh", EnumSet.of(Caller.ENGINEER)),
            entry("GET /api/v1/sharing/agreements", ANY_STAFF),
            entry("GET /api/v1/sharing/withheld", ANY_STAFF),
            entry("GET /api/v1/sharing/withheld/{eventId}", EnumSet.of(Caller.MANAGER)),
            entry("POST /api/v1/sharing/withheld/{eventId}/release", EnumSet.of(Caller.MANAGER)),
            entry("POST /api/v1/sharing/withheld/{eventId}/refuse", EnumSet.of(Caller.MANAGER)),
            entry("GET /api/v1/sharing/withdrawals", EnumSet.of(Caller.MANAGER)),
            entry("POST /api/v1/consent", EnumSet.of(Caller.MANAGER)),
            entry("GET /api/v1/audit/verify", EnumSet.of(Caller.AUDITOR)),
            entry("GET /api/v1/audit/entries", EnumSet.of(Caller.AUDITOR)),
            entry("GET /mash/audit", EnumSet.of(Caller.AUDITOR)),
            entry("GET /mash/audit/verify", EnumSet.of(Caller.AUDITOR)),
            entry("GET /mash/connections", EnumSet.of(Caller.ENGINEER)),
            entry("GET /api/v1/admin/connections", EnumSet.of(Caller.ENGINEER)),
            entry("POST /api/v1/admin/retention/purge", EnumSet.of(Caller.ENGINEER)),
            entry("GET /api/v1/admin/notifications/parked", EnumSet.of(Caller.ENGINEER)),
            entry("POST /api/v1/admin/notifications/{notificationId}/replay", EnumSet.of(Caller.ENGINEER)),
            entry("GET /api/v1/admin/dead-letters", EnumSet.of(Caller.ENGINEER)),
            entry("GET /api/v1/admin/dead-letters/{eventId}", EnumSet.of(Caller.ENGINEER)),
            entry("POST /api/v1/admin/dead-letters/{eventId}/replay", EnumSet.of(Caller.ENGINEER)),
            entry("POST /api/v1/admin/dead-letters/{eventId}/discard", EnumSet.of(Caller.ENGINEER)),
            entry("POST /api/v1/admin/dead-letters/replay", EnumSet.of(Caller.ENGINEER)),
            entry("GET /actuator/health", EVERYONE),
            entry("GET /actuator/health/readiness", EVERYONE),
            entry("GET /v3/api-docs", EVERYONE), // the OpenAPI document of the REST APIs
            entry("GET /v3/api-docs.yaml", EVERYONE),
            entry("GET /actuator/prometheus", EnumSet.of(Caller.ENGINEER)),
            entry("GET /actuator/info", EnumSet.of(Caller.ENGINEER)),
            entry("GET /actuator", EnumSet.of(Caller.ENGINEER)));

    /** Served by other servlets than Spring MVC's, so not in its list. */
    static final List<String> OTHER_SERVLETS = List.of("GET /services/police", "POST /services/police", "GET /actuator/health",
            "GET /actuator/health/readiness", "GET /actuator/prometheus", "GET /actuator/info", "GET /actuator");

    /**
     * The simulated case system stands in for a system outside the hub; it checks the hub's signature, not a login
     * (WebhookSignatureTest). Spring's error page is reached only by forwarding.
     */
    static final Set<String> NOT_THE_HUBS = Set.of("POST /sim/case-system/events", "GET /sim/case-system/events", "GET /error",
            "POST /error", "PUT /error", "DELETE /error", "PATCH /error", "HEAD /error", "OPTIONS /error", "TRACE /error");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mvc;

    final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void everyMappedEndpointHasARuleInTheTable() {
        Set<String> mapped = new TreeSet<>();
        mvc.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod m : methods.isEmpty() ? EnumSet.allOf(RequestMethod.class) : methods) {
                    String endpoint = m + " " + pattern;
                    if (!NOT_THE_HUBS.contains(endpoint)) {
                        mapped.add(endpoint.endsWith("/") && pattern.length() > 1 ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
                    }
                }
            }
        });
        mapped.addAll(OTHER_SERVLETS);
        assertThat(WHO_MAY.keySet()).as("endpoints with a rule").containsExactlyInAnyOrderElementsOf(mapped);
    }

    @Test
    void everyCallerReachesWhatTheTableAllowsAndNothingElse() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<Caller>> rule : new java.util.TreeMap<>(WHO_MAY).entrySet()) {
            for (Caller caller : Caller.values()) {
                HttpResponse<String> response = call(rule.getKey(), caller);
                boolean reached = !refused(response);
                if (reached != rule.getValue().contains(caller)) {
                    wrong.add(rule.getKey() + " as " + caller + ": " + response.statusCode()
                            + (reached ? " (reached, should be refused)" : " (refused, should be reached)"));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static boolean refused(HttpResponse<String> response) {
        int status = response.statusCode();
        return status == 401 || status == 403
                || (status == 302 && response.headers().firstValue("Location").orElse("").endsWith("/login"));
    }

    private HttpResponse<String> call(String endpoint, Caller caller) throws Exception {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{type:[^}]+}", "StructureDefinition").replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        if (endpoint.equals("GET /services/police")) {
            path += "?wsdl"; // what a GET of the service is for
        } else if (path.equals("/api/v1/admin/dead-letters/replay")) {
            path += "?partner=no-such-partner"; // replays nothing that other tests parked
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(java.time.Duration.ofSeconds(30));
        String body = path.startsWith("/services/") ? "<notAnEnvelope/>" : "{}";
        request.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        request.header("Content-Type", path.startsWith("/services/") ? "text/xml" : path.startsWith("/fhir") ? "application/fhir+json"
                : "application/json");
        String key = switch (caller) {
            case HOUSING -> "test-housing-key";
            case HEALTH -> "test-health-key";
            case POLICE -> "test-police-key";
            case SCHOOLS -> "test-school-key";
            default -> null;
        };
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        } else if (caller != Caller.ANONYMOUS) {
            String user = caller.name().toLowerCase(java.util.Locale.ROOT);
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":test-" + user).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
