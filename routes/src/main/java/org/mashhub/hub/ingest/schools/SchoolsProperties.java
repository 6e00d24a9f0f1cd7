package org.mashhub.hub.ingest.schools;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code hub.schools}: the watched folder (one sub-folder per school partner), the largest file taken, how
 * often the folder is looked at, and the attendance thresholds that raise an ATTENDANCE_CONCERN.
 */
@ConfigurationProperties("hub.schools")
public record SchoolsProperties(
        @DefaultValue("inbox/schools") Path inboxDir,
        @DefaultValue("64MB") DataSize maxFileBytes,
        @DefaultValue("16MB") DataSize maxTransferFileBytes,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("500") int eventsPerSubmission,
        @DefaultValue Attendance attendance) {

    /** Sessions missed in the window that make persistent absence; consecutive unexplained sessions that suggest a child missing education. */
    public record Attendance(
            @DefaultValue("10") int persistentAbsenceSessions,
            @DefaultValue("20") int possiblyMissingSessions,
            @DefaultValue("28d") Duration window) {
    }
}
