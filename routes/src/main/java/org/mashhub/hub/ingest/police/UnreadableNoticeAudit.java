package org.mashhub.hub.ingest.police;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.ingest.RejectionAudit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * Audits the Faults CXF itself sends when it cannot read a SOAP message at all (a DTD, too deep, too
 * large, a SOAPAction of no operation), before the notice reaches the hub's route; the route audits every refusal it
 * makes. Those are the client's doing, so their fault code is {@code soap:Client} (CXF says Server). Logged by
 * exception type only: a parser's message can quote the document.
 */
class UnreadableNoticeAudit extends AbstractPhaseInterceptor<Message> {

    private static final Logger log = LoggerFactory.getLogger(UnreadableNoticeAudit.class);

    private final RejectionAudit rejectionAudit;

    UnreadableNoticeAudit(RejectionAudit rejectionAudit) {
        super(Phase.PRE_STREAM);
        this.rejectionAudit = rejectionAudit;
    }

    @Override
    public void handleMessage(Message message) {
        Exception failure = message.getContent(Exception.class);
        if (failure == null || answeredByTheHub(failure)) {
            return;
        }
        Message in = message.getExchange().getInMessage();
        HttpServletRequest request = in == null ? null : (HttpServletRequest) in.get(AbstractHTTPDestination.HTTP_REQUEST);
        String partnerId = request == null || request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
        String correlationId = request == null ? null : CorrelationIdFilter.of(request);
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        boolean clients = theClients(cause, failure.getMessage());
        if (clients && failure instanceof Fault fault) {
            fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
        }
        log.warn("Police notice refused unread: {}", cause.getClass().getSimpleName());
        rejectionAudit.rejected(partnerId, correlationId, clients ? 400 : 500, "unreadable-soap: " + cause.getClass().getSimpleName());
    }

    /** What the request got wrong: XML that cannot be read, or a SOAPAction or body of no operation. */
    private static boolean theClients(Throwable cause, String message) {
        return cause instanceof javax.xml.stream.XMLStreamException
                || (message != null && (message.contains("SOAPAction") || message.contains("Unexpected wrapper element")
                || message.contains("was not recognized")));
    }

    /** The hub's own Faults carry a NoticeRefused detail, and were audited where they were made. */
    private static boolean answeredByTheHub(Exception failure) {
        if (!(failure instanceof Fault fault) || fault.getDetail() == null) {
            return false;
        }
        for (var node = fault.getDetail().getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && "NoticeRefused".equals(element.getLocalName())) {
                return true;
            }
        }
        return false;
    }
}
