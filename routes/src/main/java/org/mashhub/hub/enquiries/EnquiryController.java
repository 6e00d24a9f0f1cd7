package org.mashhub.hub.enquiries;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.List;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.edge.RequestRefusals;
import org.mashhub.hub.security.StaffRole;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Staff raise partner checks about a child and follow each partner's request and answer. Reading one is audited. */
@RestController
@RequestMapping("/api/v1/enquiries")
class EnquiryController {

    private final Enquiries enquiries;
    private final AuditTrail auditTrail;

    EnquiryController(Enquiries enquiries, AuditTrail auditTrail) {
        this.enquiries = enquiries;
        this.auditTrail = auditTrail;
    }

    @Operation(summary = "Ask partners what they know about a child", description = "Body: {\"hubChildId\", \"partners\": [partner ids] "
            + "or \"agencies\": [police, health, education, housing], \"rag\": RED|AMBER|GREEN, \"question\", \"lawfulBasis\": [...]}. "
            + "Each partner whose agreement allows information-request gets an INFORMATION_REQUEST notification, due by the RAG.")
    @ApiResponse(responseCode = "201", description = "The enquiry, its requests (partner, due time) and any partner not asked, with why")
    @ApiResponse(responseCode = "422", description = "A field missing or not allowed, or no partner that may be asked: every problem is listed")
    @PostMapping
    ResponseEntity<Enquiries.Enquiry> raise(@RequestBody Enquiries.Raise raise, Authentication staff) {
        Enquiries.Enquiry raised = enquiries.raise(raise, StaffRole.actorOf(staff));
        return ResponseEntity.created(URI.create("/api/v1/enquiries/" + raised.id())).body(raised);
    }

    /** What the MASH waits for: every unanswered request, soonest due first, and how many are overdue. */
    record WaitingForPartners(List<Enquiries.Waiting> waiting, long overdue) {
    }

    @Operation(summary = "Waiting for partners: every request not yet answered, soonest due (the overdue) first")
    @ApiResponse(responseCode = "200", description = "The requests waiting, with each one's child, partner, RAG and due time, and the overdue count")
    @GetMapping
    WaitingForPartners waiting() {
        List<Enquiries.Waiting> waiting = enquiries.waiting();
        return new WaitingForPartners(waiting, waiting.stream().filter(Enquiries.Waiting::overdue).count());
    }

    @Operation(summary = "An enquiry: each partner's request, when it is due, and its answer",
            description = "An answer the sharing policy holds back from you (the family's consent, the agreement's roles) is there with "
                    + "its time, its words left out and notShown saying why.")
    @ApiResponse(responseCode = "200", description = "The enquiry as it stands")
    @ApiResponse(responseCode = "404", description = "No enquiry with that id")
    @GetMapping("/{enquiryId}")
    Enquiries.Enquiry enquiry(@PathVariable String enquiryId, Authentication staff) {
        Enquiries.Enquiry enquiry = enquiries.find(enquiryId, StaffRole.namesOf(staff)).orElseThrow(() -> new RequestRefusals.NotFound("No enquiry " + enquiryId + "."));
        auditTrail.append(AuditRecord.of(AuditAction.VIEWED).actor(StaffRole.actorOf(staff)).hubChildId(enquiry.hubChildId())
                .detail("enquiry=" + enquiryId));
        return enquiry;
    }
}
