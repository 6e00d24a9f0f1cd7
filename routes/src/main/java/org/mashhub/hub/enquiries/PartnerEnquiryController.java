package org.mashhub.hub.enquiries;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.mashhub.hub.edge.BoundedBody;
import org.mashhub.hub.edge.RequestRefusals;
import org.mashhub.hub.ingest.PartnerAnswers;
import org.mashhub.hub.partner.Partner;
import org.mashhub.schemas.CanonicalJson;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A partner answers the MASH's request in its own terms, with its own key: the request's id is in its notification's {@code about}. */
@RestController
@RequestMapping("/api/v1/partner/enquiries")
class PartnerEnquiryController {

    /** An answer is a few sentences and some detail: far less than this. */
    static final int MAX_BYTES = 64 * 1024;

    private final Enquiries enquiries;

    PartnerEnquiryController(Enquiries enquiries) {
        this.enquiries = enquiries;
    }

    @Operation(summary = "Answer a request for information", description = "Body: {\"nothingKnown\": true|false, \"summary\", \"detail\"?}. "
            + "\"Nothing known\" is an answer. The same answer again is answered as before.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = PartnerAnswers.Said.class))))
    @ApiResponse(responseCode = "200", description = "Answered: the request's status, when, and whether it came late")
    @ApiResponse(responseCode = "404", description = "No request of this partner's with that id (another partner's is refused, and audited)")
    @ApiResponse(responseCode = "409", description = "Answered already, otherwise")
    @ApiResponse(responseCode = "413", description = "Larger than 64 KiB")
    @ApiResponse(responseCode = "422", description = "Not JSON, or a field missing or too long: every problem is listed")
    @PostMapping("/{requestId}/response")
    Enquiries.Request answer(@AuthenticationPrincipal Partner partner, @PathVariable String requestId, HttpServletRequest request)
            throws IOException {
        byte[] body = BoundedBody.read(request, MAX_BYTES);
        PartnerAnswers.Said answer;
        try {
            answer = CanonicalJson.mapper().readValue(body, PartnerAnswers.Said.class);
        } catch (JsonProcessingException e) {
            throw new RequestRefusals.Problems(List.of(RequestRefusals.problem("",
                    "not a JSON object {\"nothingKnown\", \"summary\", \"detail\"}: " + e.getOriginalMessage())));
        }
        return enquiries.request(enquiries.answer(partner, requestId, answer).requestId());
    }
}
