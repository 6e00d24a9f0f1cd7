package org.mashhub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.testsupport.HubIntegrationTest;
import org.springframework.test.context.TestPropertySource;

/**
 * A browser session as production runs it, behind https ({@code hub.public-url}): the session cookie is Secure and
 * SameSite, every answer carries HSTS and Referrer-Policy, and a request riding on the session cookie needs its CSRF
 * token whatever Authorization header it also carries.
 */
@TestPropertySource(properties = "hub.public-url=https://mash-hub.council.example")
class StaffSessionIT extends HubIntegrationTest {

    // As a browser behind the council's TLS proxy: the proxy says https (X-Forwarded-Proto, trusted from loopback),
    // and the Secure cookie is sent back by hand (Java's cookie store keeps Secure cookies from plain http).
    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String session;

    @Test
    void theSessionCookieIsSecureAndAnswersCarryHstsAndReferrerPolicy() throws Exception {
        HttpResponse<String> login = signIn("practitioner", "test-practitioner");

        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("Secure", "HttpOnly", "SameSite=Strict"));
        HttpResponse<String> page = get("/mash/dashboard");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000 ; includeSubDomains");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    }

    @Test
    void aSessionRequestWithAnAuthorizationHeaderStillNeedsItsCsrfToken() throws Exception {
        signIn("practitioner", "test-practitioner");

        for (String authorization : new String[] {"Bearer anything", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("practitioner:wrong".getBytes(StandardCharsets.UTF_8))}) {
            HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("/mash/referrals/not-an-event/allocate"))
                    .header("Authorization", authorization).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("note=forged")));
            assertThat(forged.statusCode()).as(authorization).isEqualTo(403);
        }
        // with its token, the same session is let through (to the controller, which finds no such referral)
        HttpResponse<String> inbox = get("/mash");
        HttpResponse<String> withToken = send(HttpRequest.newBuilder(uri("/mash/referrals/not-an-event/allocate"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("note=real&_csrf=" + URLEncoder.encode(csrf(inbox.body()), StandardCharsets.UTF_8))));
        assertThat(withToken.statusCode()).isEqualTo(302);
        assertThat(withToken.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/mash/referrals/not-an-event"));
    }

    /** After the session ends, the timeout warning's "stay signed in" gets a plain 401, never the browser's password prompt. */
    @Test
    void stayingSignedInAfterTheSessionEndedIsAPlain401() throws Exception {
        HttpResponse<String> ended = send(HttpRequest.newBuilder(uri("/mash/session")).GET());
        assertThat(ended.statusCode()).isEqualTo(401);
        assertThat(ended.headers().firstValue("WWW-Authenticate")).isEmpty();
        signIn("practitioner", "test-practitioner");
        assertThat(send(HttpRequest.newBuilder(uri("/mash/session")).GET()).statusCode()).isEqualTo(204);
    }

    private HttpResponse<String> signIn(String user, String password) throws Exception {
        HttpResponse<String> form = get("/login");
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password + "&_csrf="
                        + URLEncoder.encode(csrf(form.body()), StandardCharsets.UTF_8))));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        return login;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        request.header("X-Forwarded-Proto", "https");
        if (session != null) {
            request.header("Cookie", session);
        }
        HttpResponse<String> response = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
        response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().ifPresent(c -> session = c.substring(0, c.indexOf(';')));
        return response;
    }

    private static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"").matcher(page);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
