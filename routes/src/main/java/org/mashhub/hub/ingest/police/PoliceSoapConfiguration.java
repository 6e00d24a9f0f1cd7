package org.mashhub.hub.ingest.police;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.mashhub.hub.edge.PublicUrl;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.cxf.Bus;
import org.mashhub.adapters.SecureXml;
import org.mashhub.adapters.police.PoliceNoticeAdapter;
import org.mashhub.hub.ingest.RejectionAudit;
import org.mashhub.schemas.police.service.PublicProtectionNoticePort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The police SOAP endpoint, on the CXF servlet at {@code /services}. CXF's own XML reading is bounded:
 * no DTDs (CXF refuses them in SOAP), a depth and a total size; CXF's schema validation stays off (the
 * hub validates the notice with a hardened validator that reports every problem).
 */
@Configuration(proxyBeanMethods = false)
class PoliceSoapConfiguration {

    static final String SERVICE_NAMESPACE = "urn:mash-hub:police:ppn:service:v1";
    /** Characters in a whole SOAP message; a PPN is a few kilobytes. */
    static final int MAX_XML_CHARACTERS = 1_000_000;

    private static final HeaderFilterStrategy NO_HEADERS = new HeaderFilterStrategy() {
        @Override
        public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
            return true;
        }

        @Override
        public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
            return true;
        }
    };

    @Bean
    CxfEndpoint policeNoticeEndpoint(Bus bus, RejectionAudit rejectionAudit, PublicUrl publicUrl) {
        CxfEndpoint endpoint = new CxfEndpoint();
        endpoint.setBus(bus);
        endpoint.setAddress("/police");
        // The served WSDL's soap:address and its schemaLocation name the hub's own address, whatever Host a client sent.
        publicUrl.configured().ifPresent(url -> endpoint.setPublishedEndpointUrl(url + "/services/police"));
        endpoint.setWsdlURL("classpath:schemas/police/ppn-v1.wsdl");
        endpoint.setServiceClass(PublicProtectionNoticePort.class);
        endpoint.setServiceNameAsQName(new QName(SERVICE_NAMESPACE, "PublicProtectionNoticeService"));
        endpoint.setPortNameAsQName(new QName(SERVICE_NAMESPACE, "PublicProtectionNoticePort"));
        endpoint.setDataFormat(DataFormat.PAYLOAD);
        // No header crosses between HTTP and Camel either way: the request's headers (its Authorization among
        // them) would otherwise be echoed back on the response, and the caller is known from the servlet request.
        endpoint.setHeaderFilterStrategy(NO_HEADERS);
        // Mutable: Camel takes the ones it knows out as it binds them.
        endpoint.setProperties(new HashMap<>(Map.of(
                "org.apache.cxf.stax.maxXMLCharacters", MAX_XML_CHARACTERS,
                "org.apache.cxf.stax.maxElementDepth", SecureXml.MAX_DEPTH,
                "org.apache.cxf.stax.maxChildElements", 1000,
                "schema-validation-enabled", false)));
        endpoint.getOutFaultInterceptors().add(new UnreadableNoticeAudit(rejectionAudit));
        return endpoint;
    }

    @Bean
    PoliceNoticeAdapter policeNoticeAdapter(Clock clock) {
        return new PoliceNoticeAdapter(clock);
    }
}
