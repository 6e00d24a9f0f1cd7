package org.mashhub.hub.ingest.housing;

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
