package org.mashhub.hub.ingest.schools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mashhub.adapters.Envelope;
import org.mashhub.adapters.MappedMessage;
import org.mashhub.adapters.schools.AttendanceCsv;
import org.mashhub.adapters.schools.AttendanceMark;
import org.mashhub.adapters.schools.AttendancePattern;
import org.mashhub.adapters.schools.CommonTransferFileAdapter;
import org.mashhub.adapters.schools.ErrorReport;
import org.mashhub.adapters.schools.FileRejectedException;
import org.mashhub.adapters.schools.RowHandler;
import org.mashhub.adapters.schools.RowProblem;
import org.mashhub.adapters.schools.SafeguardingConcern;
import org.mashhub.adapters.schools.SafeguardingConcernCsv;
import org.mashhub.adapters.schools.SchoolFileFormat;
import org.mashhub.adapters.schools.TransferredPupil;
import org.mashhub.hub.edge.CorrelationId;
import org.mashhub.hub.ingest.PartnerIngest;
import org.mashhub.hub.ingest.schools.SchoolFiles.SchoolFile;
import org.mashhub.hub.partner.Partner;
import org.mashhub.hub.pipeline.CanonicalEventInvalidException;
import org.mashhub.hub.ledger.MessageFingerprint;
import org.mashhub.hub.ledger.PartnerSubmission;
import org.mashhub.schemas.events.AttendanceConcernData;
import org.mashhub.schemas.events.CanonicalEvent;
import org.mashhub.schemas.events.EventIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Takes one school file to the end. The file is known by its content: the same content again makes
 * nothing new. Each good row (a concern, a CTF pupil, a batch of attendance marks and the concerns they
 * raise) is accepted through the same pipeline as any partner message, under an id made from the file's
 * content, so a file read again after a crash gets its earlier receipts back instead of second events.
 * Rows that cannot be taken go into the error report. Returns only once every good row is durable; a
 * failure to store throws, and the file stays where it is to be read again.
 */
@Component
class SchoolFileProcessor {

    private static final Logger log = LoggerFactory.getLogger(SchoolFileProcessor.class);
    private static final int MARKS_PER_TRANSACTION = 2000;

    private final SchoolsProperties properties;
    private final SchoolFiles files;
    private final AttendanceLedger ledger;
    private final PartnerIngest ingest;
    private final Clock clock;
    private final SafeguardingConcernCsv concerns;
    private final AttendanceCsv attendance;
    private final CommonTransferFileAdapter transfers;
    private final AttendancePattern pattern;

    SchoolFileProcessor(SchoolsProperties properties, SchoolFiles files, AttendanceLedger ledger, PartnerIngest ingest, Clock clock) {
        this.properties = properties;
        this.files = files;
        this.ledger = ledger;
        this.ingest = ingest;
        this.clock = clock;
        this.concerns = new SafeguardingConcernCsv(clock);
        this.attendance = new AttendanceCsv(clock);
        this.transfers = new CommonTransferFileAdapter(clock);
        SchoolsProperties.Attendance thresholds = properties.attendance();
        this.pattern = new AttendancePattern(thresholds.persistentAbsenceSessions(), thresholds.possiblyMissingSessions(),
                (int) thresholds.window().toDays());
    }

    void process(Path file, Partner partner) throws IOException {
        SchoolInbox.Digest digest = SchoolInbox.digest(file);
        String fileId = EventIds.hubMessageId(partner.id(), "file:" + digest.sha256());
        SchoolFile record = files.receive(fileId, partner.id(), digest.sha256(), file.getFileName().toString(),
                CorrelationId.acceptOrCreate(null), now());
        MDC.put(CorrelationId.MDC_KEY, record.correlationId());
        try {
            if (record.status().finished()) {
                log.info("School file {} of {} was taken before: nothing new from it", fileId, partner.id());
                return;
            }
            FileRun run = new FileRun(record, digest);
            try {
                read(file, run);
            } catch (FileRejectedException e) {
                run.rejectFile(e.problems());
            }
            String report = run.problems.isEmpty() ? null : ErrorReport.csv(run.problems);
            if (report != null) {
                SchoolInbox.writeErrorReport(file, report);
            }
            SchoolFiles.Counts counts = run.counts();
            files.completed(record, counts, report, now());
            log.info("School file {} of {} ({}): {} rows, {} accepted, {} refused, {} events", fileId, partner.id(),
                    counts.format(), counts.rows(), counts.rowsAccepted(), counts.rowsRejected(), counts.events());
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }

    private void read(Path file, FileRun run) throws IOException {
        SchoolFileFormat format = SchoolFileFormat.detect(run.digest.head());
        if (format == null) {
            throw FileRejectedException.of(0, "", "not a school file the hub knows: a safeguarding-concern CSV, an attendance "
                    + "CSV or a Common Transfer File (see schemas/schools)");
        }
        run.format = format;
        if (!run.digest.utf8()) {
            throw FileRejectedException.of(0, "", "the file is not UTF-8");
        }
        if (run.digest.size() > properties.maxFileBytes().toBytes()) {
            throw FileRejectedException.of(0, "", "the file is larger than " + properties.maxFileBytes().toBytes() + " bytes");
        }
        files.processing(run.file.fileId(), format.name());
        switch (format) {
            case SAFEGUARDING_CONCERNS -> readConcerns(file, run);
            case ATTENDANCE -> readAttendance(file, run);
            case COMMON_TRANSFER_FILE -> readTransferFile(file, run);
        }
    }

    private void readConcerns(Path file, FileRun run) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            concerns.read(in, run.handler((row, concern) -> {
                String fingerprint = MessageFingerprint.of(concern);
                // The same concern exported again is the same message; changed, it is an update of its own.
                String messageId = "concern:" + concern.concernId() + ":" + fingerprint.substring(0, 16);
                Envelope envelope = envelope(run, messageId);
                accept(run, row, messageId, fingerprint, envelope, List.of(concerns.toEvent(concern, envelope, messageId)));
            }));
        }
    }

    private void readAttendance(Path file, FileRun run) throws IOException {
        List<AttendanceMark> batch = new ArrayList<>(MARKS_PER_TRANSACTION);
        LocalDate[] latest = {null};
        try (InputStream in = Files.newInputStream(file)) {
            attendance.read(in, run.handler((row, mark) -> {
                batch.add(mark);
                latest[0] = latest[0] == null || mark.date().isAfter(latest[0]) ? mark.date() : latest[0];
                if (batch.size() == MARKS_PER_TRANSACTION) {
                    storeMarks(run, batch);
                }
            }));
        }
        storeMarks(run, batch);
        if (latest[0] != null) {
            raiseAttendanceConcerns(run, latest[0]);
        }
    }

    private void storeMarks(FileRun run, List<AttendanceMark> batch) {
        if (!batch.isEmpty()) {
            ledger.store(batch, run.file.partnerId(), run.file.fileId());
            run.accepted += batch.size();
            batch.clear();
        }
    }

    /** Concerns over the window ending on the file's last day, for the pupils in the file, not raised recently. */
    private void raiseAttendanceConcerns(FileRun run, LocalDate windowTo) {
        String fileId = run.file.fileId();
        Set<String> raisedRecently = ledger.raisedSince(windowTo.minusDays(properties.attendance().window().toDays()), fileId);
        List<Raised> toRaise = new ArrayList<>();
        SchoolsProperties.Attendance thresholds = properties.attendance();
        for (AttendanceLedger.PupilWindow pupil : ledger.candidates(fileId, pattern.windowFrom(windowTo), windowTo,
                thresholds.persistentAbsenceSessions(), thresholds.possiblyMissingSessions())) {
            for (AttendanceConcernData concern : pattern.evaluate(pupil.schoolUrn(), windowTo, pupil.marks())) {
                if (!raisedRecently.contains(pupil.upn() + "|" + concern.concern())) {
                    toRaise.add(new Raised(pupil.upn(), concern));
                }
            }
        }
        int perSubmission = properties.eventsPerSubmission();
        for (int start = 0, batch = 0; start < toRaise.size(); start += perSubmission, batch++) {
            List<Raised> chunk = toRaise.subList(start, Math.min(toRaise.size(), start + perSubmission));
            String messageId = "attendance:" + run.digest.sha256().substring(0, 40) + ":" + batch;
            Envelope envelope = envelope(run, messageId);
            List<CanonicalEvent> events = chunk.stream()
                    .map(r -> (CanonicalEvent) AttendancePattern.toEvent(r.upn(), r.concern(), envelope, messageId)).toList();
            ingest.accept(PartnerSubmission.of(run.file.partnerId(), messageId, envelope.hubMessageId(),
                    MessageFingerprint.ofEncoded(run.digest.sha256() + ":attendance:" + batch), run.file.correlationId(),
                    envelope.receivedAt(), new MappedMessage(events, List.of(), List.of())));
            run.events += events.size();
            for (int i = 0; i < chunk.size(); i++) {
                ledger.raised(chunk.get(i).upn(), chunk.get(i).concern().concern().name(), fileId, windowTo, events.get(i).eventId());
            }
        }
    }

    private void readTransferFile(Path file, FileRun run) throws IOException {
        if (run.digest.size() > properties.maxTransferFileBytes().toBytes()) {
            throw FileRejectedException.of(0, "", "a Common Transfer File may be at most "
                    + properties.maxTransferFileBytes().toBytes() + " bytes");
        }
        run.leftAside = List.copyOf(transfers.read(Files.readAllBytes(file), run.handler((pupil, transferred) -> {
            String messageId = "ctf:" + run.digest.sha256().substring(0, 40) + ":" + pupil;
            Envelope envelope = envelope(run, messageId);
            accept(run, pupil, messageId, MessageFingerprint.ofEncoded(run.digest.sha256() + ":ctf:" + pupil), envelope,
                    transfers.toEvents(transferred, envelope, messageId));
        })));
    }

    /** One row's events, durably; a row the hub cannot turn into valid events is refused, not the file. */
    private void accept(FileRun run, long row, String messageId, String fingerprint, Envelope envelope, List<CanonicalEvent> events) {
        try {
            ingest.accept(PartnerSubmission.of(run.file.partnerId(), messageId, envelope.hubMessageId(), fingerprint,
                    run.file.correlationId(), envelope.receivedAt(), new MappedMessage(events, List.of(), List.of())));
            run.accepted++;
            run.events += events.size();
        } catch (CanonicalEventInvalidException e) {
            log.error("School file {} row {}: {}", run.file.fileId(), row, e.getMessage());
            run.reject(row, List.of(RowProblem.of(row, "", "could not be made into a valid event; the hub's team has been told")));
        }
    }

    private Envelope envelope(FileRun run, String messageId) {
        return new Envelope(run.file.partnerId(), EventIds.hubMessageId(run.file.partnerId(), messageId),
                run.file.correlationId(), now());
    }

    private Instant now() {
        // Microseconds: what the database keeps, so a receipt read back is identical.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private record Raised(String upn, AttendanceConcernData concern) {
    }

    /** What reading one file has come to so far. */
    private static final class FileRun {
        final SchoolFile file;
        final SchoolInbox.Digest digest;
        final List<RowProblem> problems = new ArrayList<>();
        final Set<Long> rejectedRows = new HashSet<>();
        SchoolFileFormat format;
        int accepted;
        int events;
        List<String> leftAside = List.of();

        FileRun(SchoolFile file, SchoolInbox.Digest digest) {
            this.file = file;
            this.digest = digest;
        }

        interface RowAction<T> {
            void accept(long row, T value);
        }

        <T> RowHandler<T> handler(RowAction<T> onGood) {
            return new RowHandler<>() {
                @Override
                public void accept(long row, T value) {
                    onGood.accept(row, value);
                }

                @Override
                public void reject(long row, List<RowProblem> rowProblems) {
                    FileRun.this.reject(row, rowProblems);
                }
            };
        }

        void reject(long row, List<RowProblem> rowProblems) {
            problems.addAll(rowProblems);
            rejectedRows.add(row);
        }

        void rejectFile(List<RowProblem> fileProblems) {
            problems.addAll(fileProblems);
        }

        SchoolFiles.Counts counts() {
            return new SchoolFiles.Counts(format == null ? null : format.name(), accepted + rejectedRows.size(), accepted,
                    rejectedRows.size(), events, leftAside);
        }
    }
}
