package org.mashhub.hub.partner;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/admin/connections} (engineers): the partner connections in force, and the files refused with why. */
@RestController
class ConnectionController {

    record InForce(String file, String partner, PartnerKind kind, String name, String agreement, Long maxMessageBytes, boolean enabled) {
    }

    private final ConnectionFiles connections;

    ConnectionController(ConnectionFiles connections) {
        this.connections = connections;
    }

    @ApiResponse(responseCode = "200", description = "The connection files in force (partner, kind, agreement, size limit, enabled) and those refused, with why")
    @GetMapping("/api/v1/admin/connections")
    Map<String, Object> connections() {
        List<InForce> inForce = connections.accepted().stream().map(a -> new InForce(a.file(), a.partner().id(), a.partner().kind(),
                a.partner().name(), a.agreement(), a.maxMessageBytes() == null ? null : a.maxMessageBytes().toBytes(),
                a.partner().enabled())).toList();
        return Map.of("inForce", inForce, "refused", connections.refused());
    }
}
