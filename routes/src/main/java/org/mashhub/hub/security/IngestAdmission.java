package org.mashhub.hub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.ingest.IngestProperties;
import org.mashhub.hub.ingest.PartnerProblems;
import org.mashhub.hub.partner.PartnerAuthentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits at most {@code hub.ingest.max-concurrent-requests} authenticated partner requests at a time; one that cannot get in within
 * {@code hub.ingest.admission-wait} is answered 503 with Retry-After, in its interface's terms, having read nothing
 * and stored nothing. Memory stays bounded (admitted requests times the largest message) however far the offered load
 * is above what the hub can take, and the hub recovers as soon as it drops. Refusals are counted, not audited: under
 * overload, an audit write per refusal would be the load.
 *
 * <p>Until the hub is ready (and once it is shutting down) every partner request gets the same 503: the HTTP port opens
 * before Camel's routes run, and in between a police notice met CXF's "No service was found" (404, which a partner
 * rightly takes as final) and the others a 500.
 */
final class IngestAdmission extends OncePerRequestFilter {

    private final Semaphore permits;
    private final IngestProperties properties;
    private final PartnerRefusals refusals;
    private final ApplicationAvailability availability;

    IngestAdmission(IngestProperties properties, PartnerRefusals refusals, ApplicationAvailability availability) {
        this.permits = new Semaphore(properties.maxConcurrentRequests(), true);
        this.properties = properties;
        this.refusals = refusals;
        this.availability = availability;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            refuse(request, response);
            return;
        }
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof PartnerAuthentication)) {
            // No valid key: refused next without reading the body, and never holding a place a real partner needs.
            // (The contract GETs, WSDL and metadata, are open and take no place either.)
            chain.doFilter(request, response);
            return;
        }
        boolean admitted;
        try {
            admitted = permits.tryAcquire(properties.admissionWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            refuse(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(properties.retryAfterSeconds()));
        refusals.write(request, response, PartnerProblems.busy(properties.retryAfterSeconds(), CorrelationIdFilter.of(request)),
                OperationOutcome.IssueType.THROTTLED);
    }
}
