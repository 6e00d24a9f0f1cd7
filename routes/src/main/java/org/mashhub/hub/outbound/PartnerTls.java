package org.mashhub.hub.outbound;

import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * The TLS the push channels reach partners with: the trust store of the SSL bundle {@code hub.outbound.ssl-bundle}
 * names (a council whose partners' certificates come from its own CA), else the JVM's.
 */
@Component
class PartnerTls {

    private final Optional<SSLContext> context;

    PartnerTls(OutboundProperties properties, ObjectProvider<SslBundles> bundles) {
        this.context = properties.sslBundle().isBlank() ? Optional.empty()
                : Optional.of(bundles.getObject().getBundle(properties.sslBundle()).createSslContext());
    }

    Optional<SSLContext> context() {
        return context;
    }
}
