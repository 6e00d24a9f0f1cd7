package org.mashhub.hub.delivery;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code caseSystem} in {@code /actuator/health}: whether the case system's host answers on its port, and whether it
 * trusts the hub (its last answers were not 401 or 403). Either failing is {@code DEGRADED}, not DOWN: the hub still
 * accepts every message and keeps it until the case system takes it, so it must not be taken out of service (the
 * status maps to HTTP 200; see application.yaml).
 */
@Component("caseSystem")
class CaseSystemHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "the case system cannot be reached: deliveries wait on the broker");

    static final Status NOT_TRUSTED = new Status("DEGRADED",
            "the case system refuses the hub's signature or credentials: deliveries hold until it takes them");

    private final CaseSystemProperties properties;
    private final CaseSystemTrust trust;

    CaseSystemHealth(CaseSystemProperties properties, CaseSystemTrust trust) {
        this.properties = properties;
        this.trust = trust;
    }

    @Override
    public Health health() {
        CaseSystemTrust.Refusal refusal = trust.refusal();
        if (refusal != null) {
            return Health.status(NOT_TRUSTED).withDetail("refused", "HTTP " + refusal.status())
                    .withDetail("since", refusal.since().toString()).build();
        }
        if (properties.url() == null || properties.url().isBlank()) {
            return Health.up().withDetail("simulator", "in process").build();
        }
        URI url = URI.create(properties.url());
        int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), port), 2_000);
            return Health.up().withDetail("host", url.getHost() + ":" + port).build();
        } catch (Exception e) {
            return Health.status(DEGRADED).withDetail("host", url.getHost() + ":" + port)
                    .withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
