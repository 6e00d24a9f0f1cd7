package org.mashhub.hub.ingest.health;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.mashhub.adapters.health.FhirFormat;
import org.mashhub.adapters.health.HealthFhir;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.ingest.BoundedBody;
import org.mashhub.hub.ingest.IngestProperties;
import org.mashhub.hub.ingest.PartnerIngest;
import org.mashhub.hub.ingest.RequestRejectedException;
import org.mashhub.hub.partner.Partner;
import org.mashhub.hub.pipeline.HubHeaders;
import org.mashhub.hub.pipeline.Receipt;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The FHIR edge for health partners: 202 with an information OperationOutcome carrying the receipt, once durable. */
@RestController
@RequestMapping("/fhir")
class HealthFhirController {

    private final PartnerIngest ingest;
    private final IngestProperties limits;
    private final HealthFhir fhir;
    private final CapabilityStatement capabilities;

    HealthFhirController(PartnerIngest ingest, IngestProperties limits, HealthFhir fhir) {
        this.ingest = ingest;
        this.limits = limits;
        this.fhir = fhir;
        this.capabilities = HealthCapabilities.statement();
    }

    @PostMapping("/$process-message")
    ResponseEntity<byte[]> processMessage(@AuthenticationPrincipal Partner partner, HttpServletRequest request) throws IOException {
        return submit(HealthFhirRoute.MESSAGE_ENTRY, partner, request);
    }

    @PostMapping({"", "/"})
    ResponseEntity<byte[]> recordExport(@AuthenticationPrincipal Partner partner, HttpServletRequest request) throws IOException {
        return submit(HealthFhirRoute.RECORD_ENTRY, partner, request);
    }

    @GetMapping("/metadata")
    ResponseEntity<byte[]> metadata(HttpServletRequest request) {
        return FhirOutcomes.respond(HttpStatus.OK, capabilities, responseFormat(request, FhirFormat.JSON), fhir);
    }

    private ResponseEntity<byte[]> submit(String route, Partner partner, HttpServletRequest request) throws IOException {
        FhirFormat format = FhirFormat.ofContentType(request.getContentType());
        if (format == null) {
            throw new RequestRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Send the Bundle as application/fhir+json or application/fhir+xml.");
        }
        byte[] body = BoundedBody.read(request, limits.maxBundleBytes().toBytes());
        Receipt receipt = ingest.submit(route, partner, body, CorrelationIdFilter.of(request),
                Map.of(HubHeaders.CONTENT_FORMAT, format.name()));
        return FhirOutcomes.respond(HttpStatus.ACCEPTED, FhirOutcomes.accepted(receipt), responseFormat(request, format), fhir);
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
