package org.mashhub.hub.casesystem;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.mashhub.hub.delivery.CaseSystemProperties;
import org.mashhub.hub.edge.BoundedBody;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The simulator over HTTP: {@code POST /sim/case-system/events}, and {@code GET} to see what it holds. */
@RestController
@RequestMapping("/sim/case-system")
@ConditionalOnProperty(name = "hub.case-system.simulator.enabled", havingValue = "true")
class CaseSystemSimulatorController {

    private final SimulatedCaseSystem caseSystem;

    CaseSystemSimulatorController(SimulatedCaseSystem caseSystem) {
        this.caseSystem = caseSystem;
    }

    @PostMapping("/events")
    ResponseEntity<Void> receive(HttpServletRequest request) throws IOException {
        return ResponseEntity.status(caseSystem.receive(request::getHeader, BoundedBody.read(request, 1 << 20))).build();
    }

    @GetMapping("/events")
    List<SimulatedCaseSystem.Received> events() {
        return caseSystem.received();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "hub.case-system.simulator.enabled", havingValue = "true")
    static class SimulatorConfiguration {

        @Bean
        SimulatedCaseSystem simulatedCaseSystem(CaseSystemProperties properties) {
            return new SimulatedCaseSystem(properties.secrets());
        }
    }
}
