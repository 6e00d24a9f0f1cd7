package org.mashhub.hub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.mashhub.adapters.health.HealthFhir;
import org.mashhub.hub.ingest.health.FhirOutcomes;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Refusals written before any controller runs, each partner in its own interface's terms: health partners get a FHIR
 * OperationOutcome, police forces a SOAP Fault, the others {@code application/problem+json}.
 */
final class PartnerRefusals {

    private final ObjectMapper mapper;
    private final HealthFhir fhir;

    PartnerRefusals(ObjectMapper mapper, HealthFhir fhir) {
        this.mapper = mapper;
        this.fhir = fhir;
    }

    /**
     * @param problem what a JSON partner is told; its status and detail are used for the other two forms
     */
    void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem, OperationOutcome.IssueType fhirType)
            throws IOException {
        response.setStatus(problem.getStatus());
        String uri = request.getRequestURI();
        if (uri.startsWith("/fhir")) {
            response.setContentType("application/fhir+json;charset=UTF-8");
            response.getOutputStream().write(fhir.context().newJsonParser()
                    .encodeResourceToString(FhirOutcomes.refused(fhirType, problem.getDetail())).getBytes(StandardCharsets.UTF_8));
        } else if (uri.startsWith("/services/")) {
            response.setContentType("text/xml;charset=UTF-8");
            response.getOutputStream().write(("""
                    <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>\
                    <faultcode>%s</faultcode><faultstring>%s</faultstring></soap:Fault></soap:Body></soap:Envelope>"""
                    .formatted(problem.getStatus() >= 500 ? "soap:Server" : "soap:Client", problem.getDetail()))
                    .getBytes(StandardCharsets.UTF_8));
        } else {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            mapper.writeValue(response.getOutputStream(), problem);
        }
    }
}
