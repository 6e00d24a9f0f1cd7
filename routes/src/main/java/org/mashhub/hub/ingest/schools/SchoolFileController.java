package org.mashhub.hub.ingest.schools;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.mashhub.adapters.schools.ErrorReport;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.ingest.schools.SchoolFiles.SchoolFile;
import org.mashhub.hub.partner.Partner;
import org.mashhub.schemas.events.EventIds;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The upload edge for schools: a file sent here is put durably into the partner's watched folder and
 * answered 202 with its id; the folder route takes it from there, as it would a file dropped in the
 * folder. The same file again (same content) is answered with what became of the first. A partner sees
 * only its own files.
 */
@RestController
@RequestMapping(SchoolFileController.PATH)
class SchoolFileController {

    static final String PATH = "/api/v1/schools/files";

    private final SchoolInbox inbox;
    private final SchoolFiles files;
    private final Clock clock;

    SchoolFileController(SchoolInbox inbox, SchoolFiles files, Clock clock) {
        this.inbox = inbox;
        this.files = files;
        this.clock = clock;
    }

    /**
     * What a school is told about its file; {@code leftAside}: the elements of a full CTF the hub did not read (UCI,
     * FSMhistory, StageAssessments...), none kept.
     */
    record FileStatus(String fileId, String fileName, String format, String status, Instant receivedAt, Instant completedAt,
                      Integer rows, Integer rowsAccepted, Integer rowsRejected, Integer events,
                      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                      java.util.List<String> leftAside, Map<String, String> links) {

        static FileStatus of(SchoolFile f) {
            return new FileStatus(f.fileId(), f.fileName(), f.format(), f.status().name(), f.receivedAt(), f.completedAt(),
                    f.rows(), f.rowsAccepted(), f.rowsRejected(), f.events(), f.leftAside(),
                    Map.of("self", PATH + "/" + f.fileId(), "errors", PATH + "/" + f.fileId() + "/errors"));
        }
    }

    @Operation(summary = "Upload a school file", description = "An attendance or concerns CSV, or a DfE Common Transfer "
            + "File (XML), as the multipart part \"file\". Stored durably before the answer; read row by row afterwards.")
    @ApiResponse(responseCode = "202", description = "Stored; being read. Location: the file's status")
    @ApiResponse(responseCode = "200", description = "The same file was taken before: its status")
    @ApiResponse(responseCode = "400", description = "No file part")
    @ApiResponse(responseCode = "403", description = "The key is not a school's")
    @ApiResponse(responseCode = "413", description = "Larger than the limit for school files")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<FileStatus> upload(@AuthenticationPrincipal Partner partner, @RequestPart("file") MultipartFile file,
                                      HttpServletRequest request) throws IOException {
        SchoolInbox.Stored stored;
        try (InputStream content = file.getInputStream()) {
            stored = inbox.store(partner.id(), file.getOriginalFilename(), content);
        }
        String fileId = EventIds.hubMessageId(partner.id(), "file:" + stored.sha256());
        SchoolFile record = files.receive(fileId, partner.id(), stored.sha256(), stored.path().getFileName().toString(),
                CorrelationIdFilter.of(request), clock.instant().truncatedTo(ChronoUnit.MICROS));
        if (record.status().finished()) {
            // Taken before: nothing new to read.
            Files.deleteIfExists(stored.path());
            return ResponseEntity.ok(FileStatus.of(record));
        }
        return ResponseEntity.accepted().header("Location", PATH + "/" + fileId).body(FileStatus.of(record));
    }

    @Operation(summary = "A school file's status", description = "Rows read, accepted and refused, and the events made.")
    @ApiResponse(responseCode = "200", description = "The status")
    @ApiResponse(responseCode = "404", description = "No such file for this partner")
    @GetMapping("/{fileId}")
    FileStatus status(@AuthenticationPrincipal Partner partner, @PathVariable String fileId) {
        return FileStatus.of(ownFile(partner, fileId));
    }

    /** The error report: {@code row,field,value,reason}; just the header when every row was taken. */
    @Operation(summary = "A school file's refused rows", description = "One CSV line per refused row: its number, the column and the problem.")
    @ApiResponse(responseCode = "200", description = "The refused rows", content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv"))
    @ApiResponse(responseCode = "404", description = "No such file for this partner")
    @ApiResponse(responseCode = "409", description = "The file has not been read yet")
    @GetMapping(value = "/{fileId}/errors", produces = "text/csv")
    ResponseEntity<String> errors(@AuthenticationPrincipal Partner partner, @PathVariable String fileId) {
        SchoolFile file = ownFile(partner, fileId);
        if (!file.status().finished()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "The file has not been processed yet.");
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(files.errorReport(fileId).orElseGet(() -> ErrorReport.csv(List.of())));
    }

    private SchoolFile ownFile(Partner partner, String fileId) {
        return files.find(fileId).filter(f -> f.partnerId().equals(partner.id()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such file for this partner."));
    }
}
