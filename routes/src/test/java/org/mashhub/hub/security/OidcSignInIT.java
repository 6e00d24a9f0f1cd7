package org.mashhub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.mashhub.hub.testsupport.HubProcess;
import org.mashhub.testoidc.CouncilIdentityProvider;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Staff sign in through the council's OpenID Connect provider, a real one (Spring Authorization Server, started here):
 * the browser goes to the provider, signs in there, comes back with a code the hub exchanges for an ID token, and is in
 * with the role its group maps to; someone whose groups map to no role is refused and the refusal audited; signing out
 * of the hub goes on to sign out at the provider.
 */
class OidcSignInIT extends HubIntegrationTest {

    static final int HUB_PORT = freePort();
    static ConfigurableApplicationContext provider;

    @DynamicPropertySource
    static void theCouncilsProvider(DynamicPropertyRegistry registry) {
        provider = CouncilIdentityProvider.start(HUB_PORT);
        String prefix = "spring.security.oauth2.client.";
        registry.add("server.port", () -> HUB_PORT);
        registry.add(prefix + "registration.council.provider", () -> "council");
        registry.add(prefix + "registration.council.client-id", () -> CouncilIdentityProvider.CLIENT_ID);
        registry.add(prefix + "registration.council.client-secret", () -> CouncilIdentityProvider.CLIENT_SECRET);
        registry.add(prefix + "registration.council.scope", () -> "openid,profile,email");
        registry.add(prefix + "registration.council.authorization-grant-type", () -> "authorization_code");
        registry.add(prefix + "registration.council.redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
        registry.add(prefix + "provider.council.issuer-uri", () -> CouncilIdentityProvider.issuer(provider));
        registry.add("hub.oidc.roles-claim", () -> "groups");
        registry.add("hub.oidc.roles[mash-practitioners]", () -> "PRACTITIONER");
        registry.add("hub.oidc.roles[mash-managers]", () -> "MANAGER");
    }

    private static int freePort() {
        try {
            return HubProcess.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopTheProvider() {
        provider.close();
    }

    final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aPractitionerSignsInAtTheCouncilWorksAndSignsOutThere() throws Exception {
        HttpResponse<String> back = signInAtTheCouncil("casey");
        assertThat(back.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/mash"));

        HttpResponse<String> inbox = get(hub("/mash"));
        assertThat(inbox.statusCode()).isEqualTo(200);
        assertThat(inbox.body()).contains("casey");
        assertThat(get(hub("/mash/withheld/x/release")).statusCode()).isIn(403, 405); // a practitioner, not a manager
        assertThat(audited().queryForList("select detail from audit_entry where actor = 'staff:casey' and action = 'VIEWED'",
                String.class)).anySatisfy(d -> assertThat(d).startsWith("inbox"));

        HttpResponse<String> signOut = send(HttpRequest.newBuilder(hub("/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf(inbox.body()), StandardCharsets.UTF_8))));
        String there = signOut.headers().firstValue("Location").orElseThrow();
        assertThat(there).startsWith(CouncilIdentityProvider.issuer(provider) + "/connect/logout?id_token_hint=");
        assertThat(URLDecoder.decode(there, StandardCharsets.UTF_8)).contains("post_logout_redirect_uri=http://127.0.0.1:" + HUB_PORT + "/login?logout");
        assertThat(get(hub("/mash")).statusCode()).isEqualTo(302); // signed out of the hub
    }

    @Test
    void someoneTheCouncilKnowsButNoGroupMapsIsRefusedAndAudited() throws Exception {
        HttpResponse<String> back = signInAtTheCouncil("robin");

        assertThat(back.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(get(hub("/mash")).statusCode()).isEqualTo(302);
        assertThat(audited().queryForList("select detail from audit_entry where action = 'SIGN_IN_FAILED' order by seq desc limit 5",
                String.class)).anySatisfy(d -> assertThat(d).contains("oidc access_denied"));
    }

    /** From the hub's sign-in link to the hub's answer to the code the provider sends the browser back with. */
    private HttpResponse<String> signInAtTheCouncil(String person) throws Exception {
        HttpResponse<String> toProvider = get(hub("/oauth2/authorization/council"));
        URI authorize = URI.create(toProvider.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString()).startsWith(CouncilIdentityProvider.issuer(provider) + "/oauth2/authorize");
        URI login = authorize.resolve(get(authorize).headers().firstValue("Location").orElseThrow());
        HttpResponse<String> form = get(login);
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(login).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + person + "&password=pw&_csrf="
                        + URLEncoder.encode(csrf(form.body()), StandardCharsets.UTF_8))));
        URI again = login.resolve(signedIn.headers().firstValue("Location").orElseThrow());
        URI withCode = again.resolve(get(again).headers().firstValue("Location").orElseThrow());
        assertThat(withCode.toString()).startsWith("http://127.0.0.1:" + HUB_PORT + "/login/oauth2/code/council?code=");
        return get(withCode);
    }

    private URI hub(String path) {
        return URI.create("http://127.0.0.1:" + HUB_PORT + path);
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return browser.send(request.header("Accept", "text/html,application/xhtml+xml").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"").matcher(page);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
