package org.mashhub.bench.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test at the size CI has time for (the full run is {@code bench/crash.sh}): 300 mixed messages from four
 * partners while the packaged hub is killed with SIGKILL once at a random point and restarted on the same data.
 */
class CrashTestIT {

    @TempDir
    Path work;

    @Test
    void aHardKillUnderLoadLosesNothingDoublesNothingAndKeepsEachChildsOrder() throws Exception {
        CrashTest.Summary summary = new CrashTest().run(Path.of("..", "routes", "target", "hub", "mash-hub.jar"),
                Path.of("..", "config", "sharing"), work, 300, 1, 4);

        assertThat(summary.acked()).as(summary.line()).isEqualTo(summary.sent()).isEqualTo(300);
        assertThat(summary.lost()).as(summary.line()).isZero();
        assertThat(summary.duplicates()).as(summary.line()).isZero();
        assertThat(summary.orderViolations()).as(summary.line()).isZero();
        assertThat(summary.delivered()).as(summary.line()).isGreaterThanOrEqualTo(summary.acked());
        assertThat(summary.auditVerifies()).as(summary.line()).isTrue();
    }

    @Test
    void aHardKillBetweenTheAcceptancesCommitAndTheBrokersLosesNothing() throws Exception {
        CrashTest.Summary summary = new CrashTest().betweenTheTwoCommits().run(Path.of("..", "routes", "target", "hub", "mash-hub.jar"),
                Path.of("..", "config", "sharing"), work, 200, 1, 4);

        assertThat(summary.acked()).as(summary.line()).isEqualTo(summary.sent()).isEqualTo(200);
        assertThat(summary.lost()).as(summary.line()).isZero();
        assertThat(summary.duplicates()).as(summary.line()).isZero();
        assertThat(summary.orderViolations()).as(summary.line()).isZero();
        assertThat(summary.auditVerifies()).as(summary.line()).isTrue();
    }
}
