package org.mashhub.hub.delivery;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code caseSystem} in {@code /actuator/health}: whether the case system's host answers on its port. Unreachable is
 * {@code DEGRADED}, not DOWN: the hub still accepts every message and keeps it on the broker until the case system is
 * back, so it must not be taken out of service (the status maps to HTTP 200; see application.yaml).
 */
@Component("caseSystem")
class CaseSystemHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "the case system cannot be reached: deliveries wait on the broker");

    private final CaseSystemProperties properties;

    CaseSystemHealth(CaseSystemProperties properties) {
        this.properties = properties;
    }

    @Override
    public Health health() {
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
