package org.mashhub.hub.enquiries;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.mashhub.hub.partner.Partner;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A partner answers the MASH's request in its own terms, with its own key: the request's id is in its notification's {@code about}. */
@RestController
@RequestMapping("/api/v1/partner/enquiries")
class PartnerEnquiryController {

    private final Enquiries enquiries;

    PartnerEnquiryController(Enquiries enquiries) {
        this.enquiries = enquiries;
    }

    @Operation(summary = "Answer a request for information", description = "Body: {\"nothingKnown\": true|false, \"summary\", \"detail\"?}. "
            + "\"Nothing known\" is an answer. The same answer again is answered as before.")
    @ApiResponse(responseCode = "200", description = "Answered: the request's status, when, and whether it came late")
    @ApiResponse(responseCode = "404", description = "No request of this partner's with that id (another partner's is refused, and audited)")
    @ApiResponse(responseCode = "409", description = "Answered already, otherwise")
    @ApiResponse(responseCode = "422", description = "A field missing or too long: every problem is listed")
    @PostMapping("/{requestId}/response")
    Enquiries.Request answer(@AuthenticationPrincipal Partner partner, @PathVariable String requestId, @RequestBody Enquiries.Answer answer) {
        return enquiries.answer(partner, requestId, answer);
    }
}
