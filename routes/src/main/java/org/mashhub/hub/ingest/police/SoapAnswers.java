package org.mashhub.hub.ingest.police;

import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapHeader;
import org.mashhub.adapters.InvalidMessageException;
import org.mashhub.adapters.NotAChildException;
import org.mashhub.hub.edge.RequestRefusals;
import org.mashhub.hub.ingest.IngestProperties;
import org.mashhub.hub.ingest.PartnerAnswers;
import org.mashhub.hub.ingest.StorageFailures;
import org.mashhub.hub.ledger.MessageIdReusedException;
import org.mashhub.hub.ledger.Receipt;
import org.mashhub.schemas.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The SOAP answers: the receipt payload, and Faults whose {@code NoticeRefused} detail lists every problem. */
@Component
class SoapAnswers {

    static final String PPN_NAMESPACE = "urn:mash-hub:police:ppn:v1";
    private static final Logger log = LoggerFactory.getLogger(SoapAnswers.class);

    /** Where in a {@code RespondToEnquiry} each field of an answer is. */
    private static final java.util.Map<String, String> ANSWER_PATHS = java.util.Map.of("/nothingKnown", "/RespondToEnquiry/NothingKnown",
            "/summary", "/RespondToEnquiry/Summary", "/detail", "/RespondToEnquiry/Detail");

    private final IngestProperties properties;

    SoapAnswers(IngestProperties properties) {
        this.properties = properties;
    }

    void receipt(Exchange exchange) {
        Receipt receipt = exchange.getMessage().getBody(Receipt.class);
        Document document = newDocument();
        Element response = document.createElementNS(PPN_NAMESPACE, "SubmitPublicProtectionNoticeResponse");
        document.appendChild(response);
        append(document, response, "Receipt", receipt.receipt());
        append(document, response, "NoticeId", receipt.partnerMessageId());
        append(document, response, "Status", receipt.status());
        receipt.events().forEach(event -> append(document, response, "EventId", event.eventId()));
        exchange.getMessage().setBody(new CxfPayload<SoapHeader>(null, List.<Source>of(new DOMSource(response)), null));
    }

    /** The force's answer to a request, taken: {@code RespondToEnquiryResponse}. */
    void answerTaken(Exchange exchange) {
        PartnerAnswers.Taken taken = exchange.getMessage().getBody(PartnerAnswers.Taken.class);
        Document document = newDocument();
        Element response = document.createElementNS(PPN_NAMESPACE, "RespondToEnquiryResponse");
        document.appendChild(response);
        append(document, response, "RequestId", taken.requestId());
        append(document, response, "AnsweredAt", taken.answeredAt().toString());
        append(document, response, "Late", Boolean.toString(taken.late()));
        exchange.getMessage().setBody(new CxfPayload<SoapHeader>(null, List.<Source>of(new DOMSource(response)), null));
    }

    /** Turns the failure into the Fault the partner gets; the CXF consumer sends it. */
    void fault(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        SoapFault fault;
        if (failure instanceof RequestRefusals.NotFound || failure instanceof RequestRefusals.Conflict) {
            fault = fault("Refused: " + failure.getMessage(), SoapFault.FAULT_CODE_CLIENT, List.of(), null);
        } else if (failure instanceof RequestRefusals.Problems e) {
            fault = fault("Refused: the answer breaks its contract; " + e.problems().size() + " problem(s).", SoapFault.FAULT_CODE_CLIENT,
                    e.problems().stream().map(p -> Problem.at(ANSWER_PATHS.getOrDefault(p.get("pointer"), "/RespondToEnquiry"), p.get("detail")))
                            .toList(), null);
        } else if (failure instanceof NotAChildException e) {
            fault = fault("Refused: the notice is about an adult; nothing was kept.", SoapFault.FAULT_CODE_CLIENT, e.problems(), null);
        } else if (failure instanceof InvalidMessageException e) {
            fault = fault(e.kind() == InvalidMessageException.Kind.MALFORMED ? "Refused: the message could not be read."
                    : "Refused: the message breaks its contract; " + e.problems().size() + " problem(s).",
                    SoapFault.FAULT_CODE_CLIENT, e.problems(), null);
        } else if (failure instanceof MessageIdReusedException e) {
            fault = fault("Refused: NoticeId " + e.partnerMessageId() + " was accepted before with different content.",
                    SoapFault.FAULT_CODE_CLIENT, List.of(), null);
        } else if (failure != null && StorageFailures.isStorageFailure(failure)) {
            log.warn("Not accepted, storage unavailable: {}", failure.getClass().getSimpleName());
            fault = fault("Not accepted: the hub cannot store notices right now. Send the same notice again after "
                    + properties.retryAfterSeconds() + " seconds.", SoapFault.FAULT_CODE_SERVER, List.of(), properties.retryAfterSeconds());
        } else {
            log.error("Not accepted, unexpected failure: {}", failure == null ? "unknown" : failure.getClass().getName());
            fault = fault("Not accepted: the hub failed; nothing was kept.", SoapFault.FAULT_CODE_SERVER, List.of(), null);
        }
        throw fault;
    }

    private static SoapFault fault(String reason, QName code, List<Problem> problems, Integer retryAfterSeconds) {
        SoapFault fault = new SoapFault(reason, code);
        Element detail = fault.getOrCreateDetail();
        Document document = detail.getOwnerDocument();
        Element refused = document.createElementNS(PPN_NAMESPACE, "NoticeRefused");
        detail.appendChild(refused);
        append(document, refused, "Reason", reason);
        if (retryAfterSeconds != null) {
            append(document, refused, "RetryAfterSeconds", retryAfterSeconds.toString());
        }
        for (Problem problem : problems) {
            Element element = document.createElementNS(PPN_NAMESPACE, "Problem");
            refused.appendChild(element);
            append(document, element, "Location", problem.pointer());
            append(document, element, "Detail", problem.detail());
        }
        return fault;
    }

    private static void append(Document document, Element parent, String name, String text) {
        Element element = document.createElementNS(PPN_NAMESPACE, name);
        element.setTextContent(text);
        parent.appendChild(element);
    }

    private static Document newDocument() {
        try {
            return DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
