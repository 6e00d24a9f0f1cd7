package org.mashhub.hub.ingest.health;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mashhub.adapters.health.FhirFormat;
import org.mashhub.adapters.health.HealthFhir;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.edge.PublicUrl;
import org.mashhub.hub.edge.BoundedBody;
import org.mashhub.hub.ingest.IngestProperties;
import org.mashhub.hub.ingest.PartnerIngest;
import org.mashhub.hub.edge.RequestRejectedException;
import org.mashhub.hub.partner.Partner;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.ledger.Receipt;
import org.mashhub.schemas.CanonicalJson;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The FHIR edge for health partners, answering once the message is durable. {@code $process-message} answers as the
 * operation defines: in synchronous mode (the default) 200 with a response message (a {@code message} Bundle whose
 * MessageHeader names the request's, code ok, with the receipt's OperationOutcome); with {@code async=true}, 202 with
 * the OperationOutcome alone. A message answering the MASH's request for information ({@code MessageHeader.response})
 * is taken as the answer ({@link HealthAnswers}). A record export ({@code POST /fhir}) gets 202 with the OperationOutcome.
 */
@RestController
@RequestMapping("/fhir")
class HealthFhirController {

    private final PartnerIngest ingest;
    private final IngestProperties limits;
    private final HealthFhir fhir;

    private final PublicUrl publicUrl;

    private final HealthConformance conformance;
    private final HealthAnswers answers;

    HealthFhirController(PartnerIngest ingest, IngestProperties limits, HealthFhir fhir, HealthConformance conformance,
                         PublicUrl publicUrl, HealthAnswers answers) {
        this.answers = answers;
        this.publicUrl = publicUrl;
        this.ingest = ingest;
        this.limits = limits;
        this.fhir = fhir;
        this.conformance = conformance;
    }

    @PostMapping("/$process-message")
    ResponseEntity<byte[]> processMessage(@AuthenticationPrincipal Partner partner, HttpServletRequest request,
                                          @RequestParam(defaultValue = "false") boolean async) throws IOException {
        FhirFormat format = format(request);
        byte[] body = BoundedBody.read(request, limits.maxBundleBytes().toBytes());
        String prefer = request.getHeader("Prefer");
        boolean asynchronous = async || (prefer != null && prefer.toLowerCase(Locale.ROOT).contains("respond-async"));
        // JSON, the common case: the first entry read once, with plain JSON, to tell an answer and to answer the message.
        JsonNode firstEntry = format == FhirFormat.JSON ? firstEntry(body) : null;
        Optional<Bundle> answer = answers.answerIn(body, format, firstEntry);
        if (answer.isPresent()) {
            // An answer to the MASH's request: taken at once (durably), answered with a response message (its
            // OperationOutcome alone, 202, when asked asynchronously).
            Bundle response = answers.take(partner, answer.get(), base(request));
            return asynchronous ? FhirOutcomes.respond(HttpStatus.ACCEPTED, response.getEntry().get(1).getResource(), responseFormat(request, format), fhir)
                    : FhirOutcomes.respond(HttpStatus.OK, response, responseFormat(request, format), fhir);
        }
        Submitted submitted = submit(HealthFhirRoute.MESSAGE_ENTRY, partner, request, body, format);
        if (asynchronous) {
            return accepted(submitted, request);
        }
        MessageHeader header = requestHeader(submitted, firstEntry);
        return FhirOutcomes.respond(HttpStatus.OK, FhirOutcomes.responseMessage(submitted.receipt(), header, base(request)),
                responseFormat(request, submitted.format()), fhir);
    }

    /** A profile, code system, value set or message definition of the hub's, read-only and open to anyone. */
    @GetMapping("/{type:StructureDefinition|CodeSystem|ValueSet|MessageDefinition}/{id}")
    ResponseEntity<byte[]> conformanceResource(@PathVariable String type, @PathVariable String id, HttpServletRequest request) {
        return conformance.read(type, id)
                .map(resource -> FhirOutcomes.respond(HttpStatus.OK, resource, responseFormat(request, FhirFormat.JSON), fhir))
                .orElseThrow(() -> new RequestRejectedException(HttpStatus.NOT_FOUND, "The hub has no " + type + " " + id + "."));
    }

    /** The search a validator makes for a canonical: {@code [type]?url=...}; a searchset Bundle. */
    @GetMapping("/{type:StructureDefinition|CodeSystem|ValueSet|MessageDefinition}")
    ResponseEntity<byte[]> conformanceSearch(@PathVariable String type, @RequestParam(required = false) String url,
                                             HttpServletRequest request) {
        Bundle found = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        for (var resource : conformance.search(type, url)) {
            found.addEntry().setFullUrl(base(request) + "/" + type + "/" + resource.getIdElement().getIdPart()).setResource(resource)
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        found.setTotal(found.getEntry().size());
        return FhirOutcomes.respond(HttpStatus.OK, found, responseFormat(request, FhirFormat.JSON), fhir);
    }

    /** The same resources as a FHIR package (NPM layout), for a partner's validator: {@code -ig [base]/package.tgz}. */
    @GetMapping(value = "/package.tgz", produces = "application/gzip")
    byte[] npmPackage() {
        return conformance.npmPackage();
    }

    /**
     * Everything else under {@code /fhir}, for a health partner: an OperationOutcome, as a FHIR client expects, never
     * Spring's problem+json. A known path asked with another method is 405; any other path 404.
     */
    @RequestMapping(value = "/**", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH,
            RequestMethod.DELETE})
    ResponseEntity<byte[]> elsewhere(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/fhir/$process-message") || path.equals("/fhir") || path.equals("/fhir/")) {
            throw new RequestRejectedException(HttpStatus.METHOD_NOT_ALLOWED, "Use POST here.");
        }
        if (path.equals("/fhir/metadata")) {
            throw new RequestRejectedException(HttpStatus.METHOD_NOT_ALLOWED, "Use GET here.");
        }
        throw new RequestRejectedException(HttpStatus.NOT_FOUND, "The hub's FHIR interface has no " + request.getMethod()
                + " here: it takes POST [base]/$process-message and POST [base] (a record export), and serves GET [base]/metadata.");
    }

    /**
     * The request's MessageHeader as far as the answer needs it: its id (or, without one, its entry's fullUrl), event
     * and source. The route parsed the whole Bundle already; for JSON, the common case, a plain JSON read of the first
     * entry is enough, not a second FHIR parse.
     */
    private MessageHeader requestHeader(Submitted submitted, JsonNode entry) {
        if (submitted.format() == FhirFormat.XML) {
            Bundle message = fhir.context().newXmlParser().parseResource(Bundle.class,
                    new String(submitted.body(), java.nio.charset.StandardCharsets.UTF_8));
            MessageHeader header = (MessageHeader) message.getEntryFirstRep().getResource();
            if (!header.getIdElement().hasIdPart()) {
                header.setId(message.getEntryFirstRep().getFullUrl());
            }
            return header;
        }
        JsonNode resource = entry.path("resource");
        MessageHeader header = new MessageHeader();
        header.setId(resource.hasNonNull("id") ? resource.get("id").asText() : entry.path("fullUrl").asText());
        JsonNode coding = resource.path("eventCoding");
        header.setEvent(coding.isObject()
                ? new org.hl7.fhir.r4.model.Coding(coding.path("system").asText(null), coding.path("code").asText(null), null)
                : new org.hl7.fhir.r4.model.UriType(resource.path("eventUri").asText(null)));
        header.getSource().setEndpoint(resource.path("source").path("endpoint").asText(null));
        return header;
    }

    /** The Bundle's first entry; missing when the body is not JSON (the message route then says why, in its own words). */
    private static JsonNode firstEntry(byte[] body) {
        try {
            return CanonicalJson.mapper().readTree(body).path("entry").path(0);
        } catch (IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    /** The hub's FHIR base as partners reach it. */
    private String base(HttpServletRequest request) {
        return publicUrl.base(request) + "/fhir";
    }

    @PostMapping({"", "/"})
    ResponseEntity<byte[]> recordExport(@AuthenticationPrincipal Partner partner, HttpServletRequest request) throws IOException {
        FhirFormat format = format(request);
        return accepted(submit(HealthFhirRoute.RECORD_ENTRY, partner, request, BoundedBody.read(request, limits.maxBundleBytes().toBytes()),
                format), request);
    }

    @GetMapping("/metadata")
    ResponseEntity<byte[]> metadata(HttpServletRequest request) {
        return FhirOutcomes.respond(HttpStatus.OK, HealthCapabilities.statement(conformance, base(request)),
                responseFormat(request, FhirFormat.JSON), fhir);
    }

    /** What was accepted: the partner's body as sent, its format, and the receipt. */
    private record Submitted(byte[] body, FhirFormat format, Receipt receipt) {
    }

    private ResponseEntity<byte[]> accepted(Submitted submitted, HttpServletRequest request) {
        return FhirOutcomes.respond(HttpStatus.ACCEPTED, FhirOutcomes.accepted(submitted.receipt()),
                responseFormat(request, submitted.format()), fhir);
    }

    private static FhirFormat format(HttpServletRequest request) {
        FhirFormat format = FhirFormat.ofContentType(request.getContentType());
        if (format == null) {
            throw new RequestRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Send the Bundle as application/fhir+json or application/fhir+xml.");
        }
        return format;
    }

    private Submitted submit(String route, Partner partner, HttpServletRequest request, byte[] body, FhirFormat format) {
        Receipt receipt = ingest.submit(route, partner, body, CorrelationIdFilter.of(request),
                Map.of(HubHeaders.CONTENT_FORMAT, format.name()));
        return new Submitted(body, format, receipt);
    }

    /** {@code _format}, then Accept, then the format the partner sent in. */
    static FhirFormat responseFormat(HttpServletRequest request, FhirFormat sent) {
        String asked = request.getParameter("_format");
        if (asked != null) {
            return asked.toLowerCase(Locale.ROOT).contains("xml") ? FhirFormat.XML : FhirFormat.JSON;
        }
        String accept = request.getHeader("Accept");
        if (accept != null) {
            String lower = accept.toLowerCase(Locale.ROOT);
            if (lower.contains("fhir+xml") || (lower.contains("xml") && !lower.contains("json"))) {
                return FhirFormat.XML;
            }
            if (lower.contains("json")) {
                return FhirFormat.JSON;
            }
        }
        return sent == null ? FhirFormat.JSON : sent;
    }
}
