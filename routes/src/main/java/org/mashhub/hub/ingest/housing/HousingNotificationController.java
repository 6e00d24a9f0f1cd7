package org.mashhub.hub.ingest.housing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.edge.BoundedBody;
import org.mashhub.hub.ingest.IngestProperties;
import org.mashhub.hub.ingest.PartnerIngest;
import org.mashhub.hub.edge.RequestRejectedException;
import org.mashhub.hub.partner.Partner;
import org.mashhub.hub.ledger.Receipt;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP edge for housing notifications: 202 with a receipt once the notification is durable. */
@RestController
class HousingNotificationController {

    static final String PATH = "/api/v1/housing/notifications";

    private final PartnerIngest ingest;
    private final IngestProperties limits;
    private final org.mashhub.hub.partner.ConnectionFiles connections;

    HousingNotificationController(PartnerIngest ingest, IngestProperties limits, org.mashhub.hub.partner.ConnectionFiles connections) {
        this.ingest = ingest;
        this.limits = limits;
        this.connections = connections;
    }

    @Operation(summary = "Send a housing notification", description = "One notification about a household (JSON, "
            + "schemas/housing/housing-notification.v1.schema.json). The receipt comes once the notification and its events "
            + "are committed; sending the same message id and content again gets the same receipt.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
                    mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(ref = "#/components/schemas/HousingNotification"))))
    @ApiResponse(responseCode = "202", description = "Accepted and durable: the receipt lists the events made")
    @ApiResponse(responseCode = "400", description = "Not well-formed JSON")
    @ApiResponse(responseCode = "403", description = "The key is not a housing partner's, or the message names another partner")
    @ApiResponse(responseCode = "409", description = "The message id was used before with different content")
    @ApiResponse(responseCode = "413", description = "Larger than the partner's limit")
    @ApiResponse(responseCode = "415", description = "Not application/json in UTF-8")
    @ApiResponse(responseCode = "422", description = "Breaks the schema or a rule: every problem is listed")
    @PostMapping(PATH)
    ResponseEntity<Receipt> notify(@AuthenticationPrincipal Partner partner, HttpServletRequest request) throws IOException {
        if (!isJson(request.getContentType())) {
            throw new RequestRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the notification as application/json.");
        }
        // The partner's own limit from its connection file, else the hub's.
        long limit = connections.maxMessageBytes(partner.id()).orElse(limits.maxMessageBytes()).toBytes();
        byte[] body = BoundedBody.read(request, limit);
        Receipt receipt = ingest.submit(HousingNotificationRoute.ENTRY, partner, body, CorrelationIdFilter.of(request));
        return ResponseEntity.accepted().contentType(MediaType.APPLICATION_JSON).body(receipt);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            boolean utf8 = type.getCharset() == null || "UTF-8".equalsIgnoreCase(type.getCharset().name());
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type) && utf8;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
