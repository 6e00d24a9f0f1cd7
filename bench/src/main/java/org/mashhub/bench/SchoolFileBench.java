package org.mashhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.mashhub.adapters.schools.SyntheticAttendance;

/**
 * Uploads a generated attendance file to a running hub as a school partner and waits until every row and
 * every attendance concern it raises is durable (the file's status is DONE). Run by {@code bench/schools.sh}.
 *
 * <p>Arguments: hub base URL, school partner key, pupils, school days, work directory.
 */
public final class SchoolFileBench {

    public static void main(String[] args) throws Exception {
        String hub = args[0];
        String key = args[1];
        int pupils = Integer.parseInt(args[2]);
        int days = Integer.parseInt(args[3]);
        Path file = Path.of(args[4]).resolve("attendance.csv");
        String laEstab = "87" + (10_000 + (int) (Math.random() * 89_999));
        SyntheticAttendance.Expected expected = SyntheticAttendance.write(file, laEstab, pupils, days, LocalDate.now().minusDays(1));
        long rows = (long) pupils * days * 2;

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String boundary = "bench-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"attendance.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(file));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

        ObjectMapper json = new ObjectMapper();
        long start = System.nanoTime();
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(hub + "/api/v1/schools/files"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        long acknowledged = System.nanoTime();
        if (upload.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + upload.statusCode() + ": " + upload.body());
        }
        String fileId = json.readTree(upload.body()).get("fileId").asText();
        JsonNode status;
        do {
            Thread.sleep(50);
            status = json.readTree(http.send(HttpRequest.newBuilder(URI.create(hub + "/api/v1/schools/files/" + fileId))
                    .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        } while (!status.get("status").asText().startsWith("DONE") && !status.get("status").asText().equals("REJECTED"));
        long done = System.nanoTime();

        double seconds = (done - start) / 1e9;
        double processing = Duration.between(Instant.parse(status.get("receivedAt").asText()),
                Instant.parse(status.get("completedAt").asText())).toNanos() / 1e9;
        System.out.printf("file: %d rows (%d pupils x %d days x 2 sessions), %.1f MB%n", rows, pupils, days, Files.size(file) / 1e6);
        System.out.printf("status: %s, rows accepted %d, events %d (expected %d)%n", status.get("status").asText(),
                status.get("rowsAccepted").asInt(), status.get("events").asInt(), expected.persistentAbsence() + expected.possiblyMissing());
        System.out.printf("upload acknowledged (durable in the folder) after %.2f s%n", (acknowledged - start) / 1e9);
        System.out.printf("received to done (hub's own times) %.2f s%n", processing);
        System.out.printf("schools: %d rows durable in %.2f s from the start of the upload, %.0f rows/s%n", rows, seconds, rows / seconds);
    }

    private SchoolFileBench() {
    }
}
