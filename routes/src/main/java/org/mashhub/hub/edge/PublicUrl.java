package org.mashhub.hub.edge;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code hub.public-url}: the address staff and partners reach the hub at, used wherever the hub writes its own address
 * (the police WSDL, FHIR answers). When it is https the session cookie is {@code Secure} and answers carry HSTS; without
 * it, the hub's address is the request's, as a trusted proxy forwarded it ({@code server.forward-headers-strategy}).
 */
@Component
public class PublicUrl implements ServletContextInitializer {

    private final String url;

    PublicUrl(@Value("${hub.public-url:}") String url) {
        this.url = url == null || url.isBlank() ? null : URI.create(url.strip()).toString().replaceAll("/+$", "");
    }


    public boolean isHttps() {
        return url != null && url.startsWith("https:");
    }

    /** The configured address, if there is one. */
    public Optional<String> configured() {
        return Optional.ofNullable(url);
    }

    /** The hub's root address for this request: the configured one, or the request's. */
    public String base(HttpServletRequest request) {
        return url != null ? url : ServletUriComponentsBuilder.fromContextPath(request).toUriString();
    }

    @Override
    public void onStartup(ServletContext servletContext) {
        if (isHttps()) {
            servletContext.getSessionCookieConfig().setSecure(true);
        }
    }
}
