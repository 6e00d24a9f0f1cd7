package org.mashhub.hub.demo;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Every {@code hub.demo.traffic-interval}, a simulated district council sends a housing notification. */
@Component
@ConditionalOnProperty(name = "hub.demo.traffic", havingValue = "true")
class DemoTrafficRoute extends RouteBuilder {

    private final DemoProperties properties;
    private final SimulatedHousingPartner housingPartner;

    DemoTrafficRoute(DemoProperties properties, SimulatedHousingPartner housingPartner) {
        this.properties = properties;
        this.housingPartner = housingPartner;
    }

    @Override
    public void configure() {
        from("timer:demo-housing-traffic?delay=5000&period=" + properties.trafficInterval().toMillis())
                .routeId("demo-housing-traffic")
                .process(exchange -> housingPartner.sendOne()).id("send-housing-notification");
    }
}
