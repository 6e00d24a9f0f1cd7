package org.mashhub.hub.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.edge.WebhookSignature;
import org.mashhub.hub.testsupport.HousingExamples;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.PartnerHttpClient;
import org.mashhub.hub.testsupport.SchoolFileExamples;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Partner connections as files, changed while the hub runs: a new district council's housing system is one new
 * file (and its agreement), a school's file starts a folder route from the template, a broken file is refused and
 * leaves what ran before running.
 */
class ConnectionFilesIT extends HubIntegrationTest {

    static Path connections;
    static Path agreements;

    @DynamicPropertySource
    static void connectionAndAgreementFolders(DynamicPropertyRegistry registry) throws IOException {
        connections = Files.createTempDirectory("mash-connections-");
        agreements = Files.createTempDirectory("mash-agreements-");
        try (Stream<Path> files = Files.list(Path.of("src", "test", "resources", "sharing"))) {
            for (Path file : files.toList()) {
                Files.copy(file, agreements.resolve(file.getFileName()));
            }
        }
        registry.add("hub.connections.dir", connections::toString);
        registry.add("hub.connections.poll-interval", () -> "300ms");
        registry.add("hub.sharing.agreements-dir", agreements::toString);
        // A partner down for minutes is tried again, backing off to a longest wait short enough for the test's time.
        registry.add("hub.outbound.push-every", () -> "300ms");
        registry.add("hub.outbound.first-retry", () -> "300ms");
        registry.add("hub.outbound.longest-wait", () -> LONGEST_WAIT.toMillis() + "ms");
        // A partner's own certificate for 127.0.0.1, from a CA (here: itself) the hub is told to trust.
        tls = Files.createTempDirectory("mash-partner-tls-");
        keytool("-genkeypair", "-alias", "partner", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", tls.resolve("partner.p12").toString(),
                "-storepass", TLS_PASSWORD, "-keypass", TLS_PASSWORD);
        keytool("-exportcert", "-alias", "partner", "-keystore", tls.resolve("partner.p12").toString(), "-storepass", TLS_PASSWORD,
                "-file", tls.resolve("partner.cer").toString());
        keytool("-importcert", "-noprompt", "-alias", "partner", "-file", tls.resolve("partner.cer").toString(), "-storetype", "PKCS12",
                "-keystore", tls.resolve("trusted.p12").toString(), "-storepass", TLS_PASSWORD);
        registry.add("spring.ssl.bundle.jks.partners.truststore.location", () -> "file:" + tls.resolve("trusted.p12"));
        registry.add("spring.ssl.bundle.jks.partners.truststore.password", () -> TLS_PASSWORD);
        registry.add("spring.ssl.bundle.jks.partners.truststore.type", () -> "PKCS12");
        registry.add("hub.outbound.ssl-bundle", () -> "partners");
    }

    /** How long each push channel's partner is down before it comes back. */
    private static final Duration PARTNER_DOWN = Duration.ofMinutes(2);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(4);

    static Path tls;
    private static final String TLS_PASSWORD = "test-partner-tls";

    private static void keytool(String... arguments) throws IOException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(java.util.List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** An HTTPS server on 127.0.0.1 with the partner's certificate. */
    private static com.sun.net.httpserver.HttpsServer httpsServer(int port) throws Exception {
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = Files.newInputStream(tls.resolve("partner.p12"))) {
            keys.load(in, TLS_PASSWORD.toCharArray());
        }
        javax.net.ssl.KeyManagerFactory managers = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, TLS_PASSWORD.toCharArray());
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        com.sun.net.httpserver.HttpsServer server = com.sun.net.httpserver.HttpsServer.create(new java.net.InetSocketAddress("127.0.0.1", port), 0);
        server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(context));
        return server;
    }

    @Autowired
    CamelContext camel;

    @Autowired
    org.mashhub.adapters.health.HealthFhir healthFhir;

    @Test
    void aHousingConnectionAddedWhileRunningTakesMessagesUnderItsAgreementAndLimit() throws IOException {
        String partner = "newtown-housing-" + suffix();
        agreement(partner, "isa-housing-test.yaml");
        write(partner + ".yaml", connection(partner, "housing", "{noop}" + partner + "-key", "64KB"));
        awaitInForce(partner);

        HttpResponse<String> accepted = http.postHousing(partner + "-key", HousingExamples.bytes(
                HousingExamples.moveOf(partner, "Nova", "Newtownson", "IT-" + UUID.randomUUID())));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String eventId = PartnerHttpClient.json(accepted).at("/events/0/eventId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> caseSystem.received().stream().anyMatch(r -> r.idempotencyKey().equals(eventId)));
        assertThat(caseSystem.received().stream().filter(r -> r.idempotencyKey().equals(eventId)).findFirst().orElseThrow()
                .event().at("/sharing/decision").asText()).isEqualTo("SHARE");
        byte[] large = ("{\"padding\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(http.postHousing(partner + "-key", large).statusCode()).isEqualTo(413);
    }

    @Test
    void aBrokenConnectionFileIsRefusedWithEveryProblemAndWhatRanBeforeKeepsRunning() throws IOException {
        String partner = "oldtown-housing-" + suffix();
        agreement(partner, "isa-housing-test.yaml");
        write(partner + ".yaml", connection(partner, "housing", "{noop}" + partner + "-key", null));
        awaitInForce(partner);

        write(partner + ".yaml", "partner: " + partner + "\nkind: ferry\nagreement: no-such-isa.yaml\ncolour: blue\n");
        write("nonsense-" + partner + ".yaml", "partner: " + partner + "-two\nkind: housing\nagreement: no-such-isa.yaml\n");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(connectionsAsEngineer().get("refused").toString())
                .contains(partner + ".yaml", "kind")
                .contains("nonsense-" + partner + ".yaml", "'credentials' needs exactly one of api-key-hash or api-key-hash-from",
                        "agreement: there is no file no-such-isa.yaml"));
        assertThat(connectionsAsEngineer().get("inForce").findValuesAsText("partner")).contains(partner)
                .doesNotContain(partner + "-two");
        HttpResponse<String> stillAccepted = http.postHousing(partner + "-key", HousingExamples.bytes(
                HousingExamples.moveOf(partner, "Olive", "Oldtownson", "IT-" + UUID.randomUUID())));
        assertThat(stillAccepted.statusCode()).as(stillAccepted.body()).isEqualTo(202);

        Files.delete(connections.resolve(partner + ".yaml"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !connectionsAsEngineer().get("inForce").findValuesAsText("partner").contains(partner));
        assertThat(http.postHousing(partner + "-key", HousingExamples.bytes(
                HousingExamples.moveOf(partner, "Olive", "Oldtownson", "IT-" + UUID.randomUUID()))).statusCode()).isEqualTo(401);
    }

    @Test
    void aSchoolConnectionStartsAFolderRouteFromTheTemplateAndStopsItWhenSwitchedOff() throws IOException {
        String partner = "newtown-school-" + suffix();
        agreement(partner, "isa-school-test.yaml");
        write(partner + ".yaml", connection(partner, "schools", "{noop}" + partner + "-key", null));
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.getRoute("school-files-" + partner) != null);

        String csv = "concern_id,school_urn,upn,given_name,family_name,birth_date,year_group,concern_category,concern_date,summary,"
                + "action_taken,rag,consent,dsl_name,dsl_phone,dsl_email\r\n"
                + "IT-" + UUID.randomUUID() + ",113456," + SchoolFileExamples.randomUpn() + ",Nell,Newtownley,2016-02-03,5,neglect,"
                + "2026-11-20,\"Arrives hungry.\",\"Breakfast club\",AMBER,GIVEN,Alex Safeguardsworth,01392 000101,dsl@example.sch.uk\r\n";
        HttpResponse<String> uploaded = http.upload("/api/v1/schools/files", partner + "-key", "concerns.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(202);
        String fileId = PartnerHttpClient.json(uploaded).get("fileId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> !PartnerHttpClient.json(http.getAsPartner("/api/v1/schools/files/" + fileId,
                partner + "-key")).get("status").asText().matches("RECEIVED|PROCESSING"));
        assertThat(http.getAsPartner("/api/v1/schools/files/" + fileId, partner + "-key").body()).contains("\"status\":\"DONE\"");

        write(partner + ".yaml", connection(partner, "schools", "{noop}" + partner + "-key", null) + "enabled: false\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.getRoute("school-files-" + partner) == null);
    }

    /**
     * A connection that names a webhook: the partner hears the outcome of its referral at its HTTPS endpoint (its own
     * certificate, trusted through the hub's SSL bundle), signed with its own secret, once, though its endpoint was
     * unreachable and then busy for a while; the hub tried again meanwhile.
     */
    @Test
    void aPartnerWithAWebhookHearsBackThroughItOnceThoughItWasDownForMinutes() throws Exception {
        String partner = "webhook-housing-" + suffix();
        String secretSetting = "IT_WEBHOOK_SECRET_" + partner.replace('-', '_').toUpperCase(java.util.Locale.ROOT);
        String secret = WebhookSignature.Secret.generate();
        System.setProperty(secretSetting, secret);
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        housingPartnerWithAWebhook(partner, secretSetting, port);
        String referral = aHousingReferralDecided(partner);

        // Nobody listening at the partner's address: the hub keeps trying.
        downForMinutes(referral, partner);
        java.util.List<String> taken = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger badSignatures = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpsServer receiver = httpsServer(port);
        receiver.createContext("/mash/notifications", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (!WebhookSignature.verify(id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body, java.util.List.of(WebhookSignature.Secret.parse(secret)),
                    java.time.Instant.now())) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
            } else if (attempts.incrementAndGet() <= 2) {
                exchange.sendResponseHeaders(503, -1); // then busy, twice
            } else {
                // A receiver keeps each notification once, by its id: a repeat is answered 409.
                boolean repeat = !ids.add(id);
                if (!repeat) {
                    taken.add(new String(body, StandardCharsets.UTF_8));
                }
                exchange.sendResponseHeaders(repeat ? 409 : 201, -1);
            }
            exchange.close();
        });
        receiver.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select status from partner_notification "
                    + "where about_event_id = ? and partner_id = ?", String.class, referral, partner).equals("DELIVERED"));
            // The channel's next rounds (every 300 ms) send the partner nothing more.
            int posts = attempts.get();
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> attempts.get() == posts);
        } finally {
            receiver.stop(0);
        }

        assertThat(badSignatures.get()).isZero();
        assertThat(taken).hasSize(1);
        JsonNode notification = org.mashhub.schemas.CanonicalJson.mapper().readTree(taken.get(0));
        assertThat(notification.get("type").asText()).isEqualTo("REFERRAL_OUTCOME");
        assertThat(notification.at("/about/eventId").asText()).isEqualTo(referral);
        assertThat(notification.at("/body/outcomeText").asText()).isEqualTo("Early help");
        assertThat(PartnerHttpClient.json(http.getAsPartner("/api/v1/partner/notifications", partner + "-key")).get("notifications"))
                .as("delivered: not offered to pull").isEmpty();
    }

    /**
     * A health partner whose connection names fhir-messaging hears the outcome of its referral as a FHIR message at its
     * $process-message: read by HAPI's strict parser, the hub's message event, the child, the outcome in words, and the
     * notification itself attached.
     */
    @Test
    void aHealthPartnerHearsTheOutcomeAsAFhirMessageAtItsProcessMessage() throws Exception {
        String partner = "fhir-health-" + suffix();
        String secretSetting = "IT_FHIR_SECRET_" + partner.replace('-', '_').toUpperCase(java.util.Locale.ROOT);
        System.setProperty(secretSetting, WebhookSignature.Secret.generate());
        ca.uhn.fhir.context.FhirContext fhir = ca.uhn.fhir.context.FhirContext.forR4Cached();
        java.util.List<org.hl7.fhir.r4.model.Bundle> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<String> contentTypes = new java.util.concurrent.CopyOnWriteArrayList<>();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        com.sun.net.httpserver.HttpHandler processMessage = exchange -> {
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            received.add(fhir.newJsonParser().setParserErrorHandler(new ca.uhn.fhir.parser.StrictErrorHandler())
                    .parseResource(org.hl7.fhir.r4.model.Bundle.class, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        };
        com.sun.net.httpserver.HttpServer endpoint = null;
        try {
            agreement(partner, "isa-health-test.yaml");
            write(partner + ".yaml", connection(partner, "health", "{noop}" + partner + "-key", null) + "outbound:\n  channel: fhir-messaging\n"
                    + "  url: http://127.0.0.1:" + port + "/fhir/$process-message\n"
                    + "  signing-secrets-from: [" + secretSetting + "]\n");
            awaitInForce(partner);
            HttpResponse<String> accepted = http.post("/fhir/$process-message", partner + "-key", "application/fhir+json",
                    org.mashhub.hub.testsupport.HealthBundles.bytes(org.mashhub.hub.testsupport.HealthBundles.concern(
                            org.mashhub.hub.testsupport.HealthBundles.Child.fresh(), "urgent", false)), null);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            String referral = org.mashhub.hub.testsupport.HealthBundles.eventIds(accepted).get(0);
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select count(*) from accepted_event where event_id = ? "
                    + "and sharing_decision is not null", Integer.class, referral) == 1);
            HttpResponse<String> decided = http.postAsStaff("/api/v1/referrals/" + referral + "/decision", "practitioner", "test-practitioner",
                    "{\"outcome\":\"CHILD_IN_NEED_ASSESSMENT\",\"rationale\":\"Needs an assessment of the child's needs.\"}");
            assertThat(decided.statusCode()).as(decided.body()).isEqualTo(201);
            jdbc.update("update mash_decision set decided_at = decided_at - interval '11 minutes' where event_id = ?", referral);
            // The partner's endpoint is down for minutes: the hub tries again until it is there.
            downForMinutes(referral, partner);
            endpoint = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", port), 0);
            endpoint.createContext("/fhir/$process-message", processMessage);
            endpoint.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
            // The channel's next rounds (every 300 ms) send nothing more.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> received.size() == 1);
        } finally {
            if (endpoint != null) {
                endpoint.stop(0);
            }
        }

        org.hl7.fhir.r4.model.Bundle message = received.get(0);
        assertThat(contentTypes.get(0)).isEqualTo("application/fhir+json");
        // Valid R4 (HL7's validator: the base profiles, and the code against the hub's published message-event code system).
        assertThat(healthFhir.validate(message)).isEmpty();
        assertThat(message.getType()).isEqualTo(org.hl7.fhir.r4.model.Bundle.BundleType.MESSAGE);
        org.hl7.fhir.r4.model.MessageHeader header = (org.hl7.fhir.r4.model.MessageHeader) message.getEntryFirstRep().getResource();
        assertThat(header.getEventCoding().getSystem()).isEqualTo("https://mash-hub.example/fhir/CodeSystem/message-event");
        assertThat(header.getEventCoding().getCode()).isEqualTo("referral-outcome");
        org.hl7.fhir.r4.model.Bundle.BundleEntryComponent focus = message.getEntry().stream()
                .filter(e -> e.getResource() instanceof org.hl7.fhir.r4.model.Communication).findFirst().orElseThrow();
        assertThat(header.getFocusFirstRep().getReference()).isEqualTo(focus.getFullUrl());
        org.hl7.fhir.r4.model.Communication communication = (org.hl7.fhir.r4.model.Communication) focus.getResource();
        assertThat(communication.getPayloadFirstRep().getContentStringType().getValue()).contains("Child in need assessment");
        JsonNode envelope = org.mashhub.schemas.CanonicalJson.mapper().readTree(communication.getPayload().get(1).getContentAttachment().getData());
        assertThat(envelope.get("type").asText()).isEqualTo("REFERRAL_OUTCOME");
        assertThat(message.getIdentifier().getValue()).isEqualTo("urn:uuid:" + envelope.get("id").asText());
        assertThat(message.getEntry().stream().map(e -> e.getResource()).filter(org.hl7.fhir.r4.model.Patient.class::isInstance)
                .map(org.hl7.fhir.r4.model.Patient.class::cast).findFirst().orElseThrow().getBirthDate()).isNotNull();
    }

    /**
     * A police force whose connection names a soap-callback hears back at the service it hosts, generated from the
     * hub's WSDL (the callback port type) and published by CXF: first not there, so the hub tries again; then once.
     */
    @Test
    void aPoliceForceHearsBackAtItsCallbackServiceMadeFromTheHubsWsdl() throws Exception {
        String partner = "callback-police-" + suffix();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String address = "http://127.0.0.1:" + port + "/force/mash-hub-notifications";
        agreement(partner, "isa-police-test.yaml");
        write(partner + ".yaml", connection(partner, "police", "{noop}" + partner + "-key", null)
                + "outbound:\n  channel: soap-callback\n  url: " + address + "\n");
        awaitInForce(partner);
        String noticeId = "PPN-CB-" + UUID.randomUUID();
        String notice = Files.readString(Path.of("..", "schemas", "police", "examples", "domestic-abuse-two-children.xml"))
                .replaceFirst("<\\?xml[^>]*\\?>\\s*", "").replace("PPN-DC-2026-004512", noticeId)
                .replace("DC-N-778102", "IT-" + UUID.randomUUID()).replace("DC-N-778103", "IT-" + UUID.randomUUID())
                .replace("Madeupson", "Callbackson" + org.mashhub.hub.testsupport.TestNames.letters(6))
                .replace("2015-04-19", HousingExamples.distinctBirthDate().toString());
        HttpResponse<String> accepted = http.postPoliceNotice(partner + "-key", notice);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        String receipt = PartnerHttpClient.policeReceipt(accepted);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select count(*) from accepted_event where hub_message_id = ? "
                + "and event_type = 'ReferralEvent' and sharing_decision is null", Integer.class, receipt) == 0);
        String referral = jdbc.queryForObject("select event_id from accepted_event where hub_message_id = ? and event_type = 'ReferralEvent' "
                + "order by event_index limit 1", String.class, receipt);
        assertThat(http.postAsStaff("/api/v1/referrals/" + referral + "/decision", "practitioner", "test-practitioner",
                "{\"outcome\":\"STRATEGY_DISCUSSION\",\"rationale\":\"A strategy discussion with the police today.\"}").statusCode())
                .isEqualTo(201);
        jdbc.update("update mash_decision set decided_at = decided_at - interval '11 minutes' where event_id = ?", referral);
        downForMinutes(referral, partner);

        java.util.List<java.util.List<String>> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.apache.cxf.Bus bus = org.apache.cxf.BusFactory.newInstance().createBus();
        org.apache.cxf.jaxws.JaxWsServerFactoryBean service = new org.apache.cxf.jaxws.JaxWsServerFactoryBean();
        service.setBus(bus);
        service.setServiceClass(org.mashhub.schemas.police.service.PoliceNotificationCallbackPort.class);
        service.setServiceBean((org.mashhub.schemas.police.service.PoliceNotificationCallbackPort)
                (id, type, createdAt, notice1, outcome, outcomeText, decidedAt, contact, json) -> {
                    calls.add(java.util.Arrays.asList(id, type, notice1, outcome, outcomeText, json));
                    return true;
                });
        service.setAddress(address);
        org.apache.cxf.endpoint.Server server = service.create();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select status from partner_notification "
                    + "where about_event_id = ? and partner_id = ?", String.class, referral, partner).equals("DELIVERED"));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> calls.size() == 1);
        } finally {
            server.destroy();
            bus.shutdown(true);
        }

        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).get(1)).isEqualTo("REFERRAL_OUTCOME");
        assertThat(calls.get(0).get(2)).isEqualTo(noticeId);
        assertThat(calls.get(0).get(3)).isEqualTo("STRATEGY_DISCUSSION");
        assertThat(calls.get(0).get(4)).isEqualTo("Strategy discussion");
        assertThat(org.mashhub.schemas.CanonicalJson.mapper().readTree(calls.get(0).get(5)).at("/about/eventId").asText()).isEqualTo(referral);
    }

    // --- helpers

    private static String connection(String partner, String kind, String hash, String maxMessageBytes) {
        return "partner: " + partner + "\nkind: " + kind + "\nname: " + partner + " (test)\ncredentials:\n  api-key-hash: \"" + hash + "\"\n"
                + "agreement: isa-" + partner + ".yaml\n" + (maxMessageBytes == null ? "" : "limits:\n  max-message-bytes: " + maxMessageBytes + "\n");
    }

    /** An agreement for the partner, like the test one named. */
    /** A housing partner, with its agreement, whose connection pushes notifications to a webhook on this port, in force. */
    private void housingPartnerWithAWebhook(String partner, String secretSetting, int port) throws IOException {
        agreement(partner, "isa-housing-test.yaml");
        write(partner + ".yaml", connection(partner, "housing", "{noop}" + partner + "-key", null) + "outbound:\n  channel: webhook\n"
                + "  url: https://127.0.0.1:" + port + "/mash/notifications\n  signing-secrets-from: [" + secretSetting + "]\n");
        awaitInForce(partner);
    }

    /** A housing referral from the partner (two children, new to the hub), decided "early help" and final: its event id. */
    private String aHousingReferralDecided(String partner) {
        com.fasterxml.jackson.databind.node.ObjectNode eviction = HousingExamples.fresh("eviction-notice-with-safeguarding-concern.json", partner);
        for (JsonNode member : eviction.withArray("/household/members")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) member).put("familyName", "Hookley" + org.mashhub.hub.testsupport.TestNames.letters(6))
                    .remove(java.util.List.of("nhsNumber", "otherNames"));
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) eviction.at("/household/members/2")).put("birthDate",
                HousingExamples.distinctBirthDate().toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) eviction.at("/household/members/3")).put("birthDate",
                HousingExamples.distinctBirthDate().toString());
        HttpResponse<String> accepted = http.postHousing(partner + "-key", HousingExamples.bytes(eviction));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String message = PartnerHttpClient.json(accepted).get("receipt").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("select count(*) from accepted_event where hub_message_id = ? "
                + "and event_type = 'ReferralEvent' and sharing_decision is null", Integer.class, message) == 0);
        String referral = jdbc.queryForObject("select event_id from accepted_event where hub_message_id = ? and event_type = 'ReferralEvent' "
                + "order by event_index limit 1", String.class, message);
        HttpResponse<String> decided = http.postAsStaff("/api/v1/referrals/" + referral + "/decision", "practitioner", "test-practitioner",
                "{\"outcome\":\"EARLY_HELP\",\"rationale\":\"Early help assessment agreed with the family.\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(201);

        jdbc.update("update mash_decision set decided_at = decided_at - interval '11 minutes' where event_id = ?", referral);
        return referral;
    }

    /**
     * A notification the partner's webhook refuses (400: not retried) is parked at once, still offered to pull, listed on the
     * engineers' parked page with the partner's answer, and, replayed from there once the partner is mended, taken once.
     */
    @Test
    void aNotificationAWebhookRefusesIsParkedShownToEngineersAndReplayedFromTheirPage() throws Exception {
        String partner = "refusing-housing-" + suffix();
        String secretSetting = "IT_WEBHOOK_SECRET_" + partner.replace('-', '_').toUpperCase(java.util.Locale.ROOT);
        System.setProperty(secretSetting, WebhookSignature.Secret.generate());
        java.util.concurrent.atomic.AtomicBoolean mended = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.List<String> taken = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpsServer receiver = httpsServer(0);
        receiver.createContext("/mash/notifications", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (mended.get()) {
                taken.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            }
            exchange.sendResponseHeaders(mended.get() ? 204 : 400, -1);
            exchange.close();
        });
        receiver.start();
        try {
            housingPartnerWithAWebhook(partner, secretSetting, receiver.getAddress().getPort());
            String referral = aHousingReferralDecided(partner);

            await().atMost(Duration.ofSeconds(30)).until(() -> "PARKED".equals(jdbc.queryForList("select status from partner_notification "
                    + "where about_event_id = ? and partner_id = ?", String.class, referral, partner).stream().findFirst().orElse(null)));
            String id = jdbc.queryForObject("select notification_id from partner_notification where about_event_id = ? and partner_id = ?",
                    String.class, referral, partner);
            assertThat(http.notificationFor(partner + "-key", "REFERRAL_OUTCOME", referral)).as("parked: still offered to pull").isNotNull();
            String page = http.getAsStaff("/mash/parked", "engineer", "test-engineer").body();
            assertThat(page).contains("data-notification-id=\"" + id + "\"", "refused: status 400", partner);
            assertThat(http.getAsStaff("/mash/parked", "practitioner", "test-practitioner").statusCode()).isEqualTo(403);

            mended.set(true);
            assertThat(http.postAsStaff("/mash/parked/notifications/" + id + "/replay", "engineer", "test-engineer", null).statusCode())
                    .isEqualTo(302);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select status from partner_notification "
                    + "where notification_id = ?", String.class, id).equals("DELIVERED"));
            assertThat(taken).containsExactly(id);
            assertThat(http.getAsStaff("/mash/parked", "engineer", "test-engineer").body()).doesNotContain(id);
            assertThat(audited().queryForList("select actor from audit_entry where action = 'NOTIFICATION_REPLAYED' and event_id = ?",
                    String.class, referral)).containsExactly("staff:engineer");
            // Replayed already: a second replay changes nothing, and nothing is sent again.
            http.postAsStaff("/mash/parked/notifications/" + id + "/replay", "engineer", "test-engineer", null);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> taken.size() == 1);
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * A partner hears in the order things happened: while its endpoint keeps refusing the earlier notification (503, tried
     * again with back-off), the later one waits behind it and is not sent; then both arrive once, in order.
     */
    @Test
    void aLaterNotificationWaitsBehindAnEarlierOneTheWebhookKeepsRefusing() throws Exception {
        String partner = "ordered-housing-" + suffix();
        String secretSetting = "IT_WEBHOOK_SECRET_" + partner.replace('-', '_').toUpperCase(java.util.Locale.ROOT);
        System.setProperty(secretSetting, WebhookSignature.Secret.generate());
        java.util.List<String> posted = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<String> taken = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger(4);
        com.sun.net.httpserver.HttpsServer receiver = httpsServer(0);
        receiver.createContext("/mash/notifications", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            posted.add(id);
            boolean refuse = refusals.getAndDecrement() > 0;
            if (!refuse) {
                taken.add(id);
            }
            exchange.sendResponseHeaders(refuse ? 503 : 204, -1);
            exchange.close();
        });
        try {
            housingPartnerWithAWebhook(partner, secretSetting, receiver.getAddress().getPort());
            String earlier = aHousingReferralDecided(partner);
            String later = aHousingReferralDecided(partner);
            jdbc.update("update mash_decision set decided_at = decided_at - interval '1 minute' where event_id = ?", earlier);
            String notifications = "select notification_id from partner_notification where partner_id = ? order by created_at";
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(notifications, String.class, partner).size() == 2);
            java.util.List<String> ids = jdbc.queryForList(notifications, String.class, partner);
            assertThat(jdbc.queryForObject("select about_event_id from partner_notification where notification_id = ?", String.class,
                    ids.get(0))).isEqualTo(earlier);
            receiver.start();

            await().atMost(Duration.ofSeconds(60)).until(() -> taken.size() == 2);
            assertThat(taken).containsExactlyElementsOf(ids);
            assertThat(posted.subList(0, 5)).as("the later one not sent while the earlier was refused").containsOnly(ids.get(0));
            assertThat(posted).hasSize(6);
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * The partner stays down (nothing listening at its address) for {@link #PARTNER_DOWN}: all that while its notification
     * waits, neither parked nor given up, and the hub keeps trying, backing off to its longest wait.
     */
    private void downForMinutes(String referral, String partner) {
        String waiting = "select count(*) from partner_notification where about_event_id = ? and partner_id = ? and status = 'WAITING'";
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(waiting, Integer.class, referral, partner) == 1);
        await().during(PARTNER_DOWN).atMost(PARTNER_DOWN.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> jdbc.queryForObject(waiting, Integer.class, referral, partner) == 1);
        assertThat(audited().queryForObject("select count(*) from audit_entry where action = 'NOTIFICATION_RETRIED' and event_id = ?",
                Integer.class, referral)).as("tried again all along").isGreaterThanOrEqualTo((int) (PARTNER_DOWN.toSeconds() / LONGEST_WAIT.toSeconds()) / 2);
    }

    private static void agreement(String partner, String like) throws IOException {
        String text = Files.readString(agreements.resolve(like)).replaceFirst("(?m)^agreement: .*$", "agreement: isa-" + partner)
                .replaceFirst("(?m)^partner: .*$", "partner: " + partner);
        write(agreements, "isa-" + partner + ".yaml", text);
    }

    private static void write(String name, String text) throws IOException {
        write(connections, name, text);
    }

    /** Written whole, then moved in: the hub never reads half a file. */
    private static void write(Path dir, String name, String text) throws IOException {
        Path part = dir.resolve("." + name + ".part");
        Files.writeString(part, text);
        Files.move(part, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void awaitInForce(String partner) {
        await().atMost(Duration.ofSeconds(10)).until(() -> connectionsAsEngineer().get("inForce").findValuesAsText("partner").contains(partner));
    }

    private JsonNode connectionsAsEngineer() {
        return PartnerHttpClient.json(http.getAsStaff("/api/v1/admin/connections", "engineer", "test-engineer"));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
