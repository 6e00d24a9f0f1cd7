package org.mashhub.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CaseSystemSignatureTest {

    @Test
    void isTheHmacSha256OfTheBodyUnderTheSharedSecret() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        byte[] body = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);

        assertThat(CaseSystemSignature.sign(body, "Jefe"))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void verifiesOnlyTheSameBodyUnderTheSameSecret() {
        byte[] body = "{\"eventId\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        String signature = CaseSystemSignature.sign(body, "shared-secret-for-tests");

        assertThat(CaseSystemSignature.verify(body, "shared-secret-for-tests", signature)).isTrue();
        assertThat(CaseSystemSignature.verify("{\"eventId\":\"2\"}".getBytes(StandardCharsets.UTF_8),
                "shared-secret-for-tests", signature)).isFalse();
        assertThat(CaseSystemSignature.verify(body, "another-secret-entirely", signature)).isFalse();
        assertThat(CaseSystemSignature.verify(body, "shared-secret-for-tests", null)).isFalse();
    }
}
