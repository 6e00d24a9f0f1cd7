package org.mashhub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashhub.hub.testsupport.HubProcess;

/**
 * The built hub, started as production would start it but with the demo's published secrets, plain-text keys and
 * configured staff accounts: it stops before opening a port, and says every reason. With its own secrets it starts.
 */
class UnsafeSettingsIT {

    @TempDir
    Path work;

    @Test
    void aProductionStartWithTheDemosSecretsIsRefusedWithEveryReason() throws Exception {
        Path log = work.resolve("refused.log");
        try (HubProcess hub = HubProcess.start(HubProcess.freePort(), Files.createDirectories(work.resolve("refused")), log,
                "--hub.case-system.url=http://127.0.0.1:9/none",
                "--hub.case-system.signing-secrets=whsec_ZGVtby1jYXNlLXN5c3RlbS1zaWduaW5nLXNlY3JldCE=",
                "--hub.audit.key=demo-audit-key-public-never-for-real-data",
                "--hub.partner-key-pepper=demo-partner-key-pepper",
                "--hub.partners[0].id=police-x", "--hub.partners[0].kind=police",
                "--hub.partners[0].api-key-hash={noop}plain-text-key",
                "--hub.partners[1].id=housing-x", "--hub.partners[1].kind=housing",
                "--hub.partners[1].api-key-hash={hmac-sha256}c6d0379629289607fb7bd095d347b65963d1cff373a3139e3183ca3fe8fde599",
                "--hub.staff.users[0].username=admin", "--hub.staff.users[0].password-hash={noop}admin",
                "--hub.staff.users[0].roles=ENGINEER")) {
            assertThat(hub.awaitExit(Duration.ofSeconds(60))).isNotZero();
        }
        assertThat(Files.readString(log)).contains("The hub will not start outside the demo with these settings",
                "hub.case-system.signing-secrets is the demo's published value",
                "hub.audit.key is the demo's published key",
                "hub.partner-key-pepper is the demo's published value",
                "partner police-x: its key is stored as plain text ({noop})",
                "partner housing-x: its key is a demo key",
                "hub.staff.users: staff accounts with passwords in the settings are for the demo");
    }

    @Test
    void withoutAnySecretsTheHubSaysWhichAreMissing() throws Exception {
        Path log = work.resolve("missing.log");
        try (HubProcess hub = HubProcess.start(HubProcess.freePort(), Files.createDirectories(work.resolve("missing")), log,
                "--hub.case-system.url=http://127.0.0.1:9/none")) {
            assertThat(hub.awaitExit(Duration.ofSeconds(60))).isNotZero();
        }
        assertThat(Files.readString(log)).contains("hub.audit.key is not set", "hub.partner-key-pepper is not set",
                "hub.case-system.signing-secrets is not set");
    }

    @Test
    void withItsOwnSecretsTheHubStarts() throws Exception {
        try (HubProcess hub = HubProcess.start(HubProcess.freePort(), Files.createDirectories(work.resolve("own")), work.resolve("own.log"),
                "--hub.case-system.url=http://127.0.0.1:9/none", "--hub.case-system.signing-secrets=whsec_YS1jb3VuY2lsLXMtb3duLXNpZ25pbmctc2VjcmV0LTE=",
                "--hub.audit.key=a-council-s-own-audit-key-0123456789abcdef", "--hub.partner-key-pepper=a-council-s-own-pepper")) {
            hub.awaitUp(Duration.ofSeconds(90));
        }
    }
}
