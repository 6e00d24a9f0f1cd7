package org.mashhub.hub.security;

import jakarta.servlet.ServletContext;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.stereotype.Component;

/**
 * {@code hub.public-url}: the address staff and partners reach the hub at. When it is https, the session cookie is
 * {@code Secure} (never sent over plain http) and every answer carries HSTS; a proxy in front that ends TLS is trusted
 * for the forwarded headers ({@code server.forward-headers-strategy}, {@code server.tomcat.remoteip.internal-proxies}).
 */
@Component
public class PublicUrl implements ServletContextInitializer {

    private final URI url;

    PublicUrl(@Value("${hub.public-url:}") String url) {
        this.url = url == null || url.isBlank() ? null : URI.create(url.strip());
    }

    public boolean isHttps() {
        return url != null && "https".equalsIgnoreCase(url.getScheme());
    }

    @Override
    public void onStartup(ServletContext servletContext) {
        if (isHttps()) {
            servletContext.getSessionCookieConfig().setSecure(true);
        }
    }
}
