package org.mashhub.hub.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.xml.ws.WebServiceException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.mashhub.hub.ledger.PartnerNotifications;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.police.service.PoliceNotificationCallbackPort;
import org.springframework.stereotype.Component;

/**
 * The {@code soap-callback} channel (police): the hub calls the {@code ReceiveMashNotification} operation of the
 * callback port type in its own police WSDL, which the force hosts at the URL its connection names. The call carries
 * the notification's fields and the whole notification as JSON; {@code Received} true takes it.
 */
@Component
class PoliceCallbacks {

    private final Map<URI, PoliceNotificationCallbackPort> ports = new ConcurrentHashMap<>();
    private final OutboundProperties properties;
    private final DatatypeFactory dates;

    private final PartnerTls tls;

    PoliceCallbacks(OutboundProperties properties, PartnerTls tls) throws DatatypeConfigurationException {
        this.properties = properties;
        this.tls = tls;
        this.dates = DatatypeFactory.newInstance();
    }

    /**
     * Whether the force took it; false when its service answered that it did not.
     *
     * @throws WebServiceException when the force's service could not be reached or answered with a fault: tried again
     */
    boolean send(URI url, PartnerNotifications.Notification n) {
        JsonNode envelope = n.envelope();
        String decidedAt = text(envelope, "/body/decidedAt");
        String json;
        try {
            json = CanonicalJson.mapper().writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return ports.computeIfAbsent(url, this::port).receiveMashNotification(n.id(), n.type().name(),
                at(envelope.get("createdAt").asText()), text(envelope, "/about/partnerMessageId"), text(envelope, "/body/outcome"),
                text(envelope, "/body/outcomeText"), decidedAt == null ? null : at(decidedAt), text(envelope, "/body/contact"), json);
    }

    /** A client of the force's callback service at that address: no redirects followed, the hub's timeouts. */
    private PoliceNotificationCallbackPort port(URI url) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(PoliceNotificationCallbackPort.class);
        factory.setAddress(url.toString());
        PoliceNotificationCallbackPort port = (PoliceNotificationCallbackPort) factory.create();
        Client client = ClientProxy.getClient(port);
        HTTPConduit conduit = (HTTPConduit) client.getConduit();
        conduit.getClient().setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        conduit.getClient().setReceiveTimeout(properties.requestTimeout().toMillis());
        conduit.getClient().setAutoRedirect(false);
        tls.context().ifPresent(context -> {
            org.apache.cxf.configuration.jsse.TLSClientParameters parameters = new org.apache.cxf.configuration.jsse.TLSClientParameters();
            parameters.setSslContext(context);
            conduit.setTlsClientParameters(parameters);
        });
        return port;
    }

    private XMLGregorianCalendar at(String instant) {
        return dates.newXMLGregorianCalendar(instant);
    }

    private static String text(JsonNode envelope, String pointer) {
        JsonNode value = envelope.at(pointer);
        return value.isTextual() ? value.asText() : null;
    }
}
