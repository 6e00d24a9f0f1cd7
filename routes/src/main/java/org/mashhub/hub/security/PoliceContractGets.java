package org.mashhub.hub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.ingest.PartnerProblems;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A GET of the police service is for its contract ({@code ?wsdl}, {@code ?xsd=...}), which is public. Any other GET is
 * not a SOAP call: CXF would read it as an empty one and answer a server Fault (500). It is told 405, as a SOAP Fault,
 * with {@code Allow: POST}, before any key is checked.
 */
final class PoliceContractGets extends OncePerRequestFilter {

    private final PartnerRefusals refusals;

    PoliceContractGets(PartnerRefusals refusals) {
        this.refusals = refusals;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || !request.getRequestURI().startsWith("/services/");
    }

    /** The query of a contract request, as CXF serves them. */
    static boolean isContract(String query) {
        String q = query == null ? "" : query.toLowerCase(Locale.ROOT);
        return q.equals("wsdl") || q.startsWith("wsdl=") || q.startsWith("wsdl&") || q.startsWith("xsd=");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isContract(request.getQueryString())) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.ALLOW, "POST");
        refusals.write(request, response, PartnerProblems.methodNotAllowed(
                "Send notices with POST. A GET serves the service's contract only: ?wsdl.", CorrelationIdFilter.of(request)),
                OperationOutcome.IssueType.NOTSUPPORTED);
    }
}
