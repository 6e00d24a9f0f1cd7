package org.mashhub.hub.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.mashhub.schemas.CanonicalJson;

/** A real HTTP client, as a partner or a member of staff would use one. */
public final class PartnerHttpClient {

    public static final String HOUSING_KEY = "test-housing-key";
    public static final String OTHER_HOUSING_KEY = "test-other-housing-key";
    public static final String POLICE_KEY = "test-police-key";
    public static final String SCHOOL_KEY = "test-school-key";
    public static final String OTHER_SCHOOL_KEY = "test-other-school-key";
    public static final String HOUSING_PATH = "/api/v1/housing/notifications";

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PartnerHttpClient(int port) {
        this.port = port;
    }

    public HttpResponse<String> postHousing(String apiKey, byte[] body) {
        return post(HOUSING_PATH, apiKey, "application/json", body, null);
    }

    public HttpResponse<String> post(String path, String apiKey, String contentType, byte[] body, String correlationId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        return send(request.build());
    }

    /** A housing post carrying extra request headers, given as name, value, name, value... */
    public HttpResponse<String> postWithHeaders(String path, String apiKey, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** A multipart/form-data upload of one file in the part {@code file}. */
    public HttpResponse<String> upload(String path, String apiKey, String fileName, byte[] content) {
        String boundary = "mash-hub-test-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post(path, apiKey, "multipart/form-data; boundary=" + boundary, body.toByteArray(), null);
    }

    /** A GET with a partner's key. */
    public HttpResponse<String> getAsPartner(String path, String apiKey) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey).GET().build());
    }

    public HttpResponse<String> getAsStaff(String path, String username, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (username != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return send(request.build());
    }

    /** A POST as a member of staff (HTTP Basic), with a JSON body or none. */
    public HttpResponse<String> postAsStaff(String path, String username, String password, String json) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A DELETE as a member of staff (HTTP Basic). */
    public HttpResponse<String> deleteAsStaff(String path, String username, String password) {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .DELETE().build());
    }

    /** A police notice (the PPN element, without the XML declaration) in a SOAP envelope, with the force's key; its answer. */
    public HttpResponse<String> postPoliceNotice(String apiKey, String notice) {
        return post("/services/police", apiKey, "text/xml; charset=UTF-8",
                ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + notice.replaceFirst("<\\?xml[^>]*\\?>\\s*", "")
                        + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8), null);
    }

    /** The receipt in a police notice's SOAP answer. */
    public static String policeReceipt(HttpResponse<String> answer) {
        return answer.body().replaceAll("(?s).*<Receipt>([^<]+)</Receipt>.*", "$1");
    }

    /** The notification of this type about this event waiting for the partner with this key, read page by page; null if none. */
    public JsonNode notificationFor(String apiKey, String type, String aboutEventId) {
        String after = null;
        do {
            HttpResponse<String> response = getAsPartner("/api/v1/partner/notifications?limit=50" + (after == null ? "" : "&after=" + after), apiKey);
            if (response.statusCode() != 200) {
                throw new AssertionError("pulling notifications: " + response.statusCode() + " " + response.body());
            }
            JsonNode page = json(response);
            for (JsonNode notification : page.get("notifications")) {
                if (notification.get("type").asText().equals(type) && notification.at("/about/eventId").asText().equals(aboutEventId)) {
                    return notification;
                }
            }
            after = page.get("next").isNull() ? null : page.get("next").asText();
        } while (after != null);
        return null;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return CanonicalJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
