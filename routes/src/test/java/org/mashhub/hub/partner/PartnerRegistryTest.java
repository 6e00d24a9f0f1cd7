package org.mashhub.hub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.partner.PartnersProperties.PartnerConfig;

class PartnerRegistryTest {

    final PartnerRegistry registry = new PartnerRegistry(new PartnersProperties(List.of(
            new PartnerConfig("housing-test", PartnerKind.HOUSING, "Test housing",
                    "{bcrypt}$2a$10$brV4yeYbXwSEQz/LvoyFv.VolOI53V0xQeBby3sDTr0fPGLi/H7fe", true),
            new PartnerConfig("police-off", PartnerKind.POLICE, null,
                    "{bcrypt}$2a$10$thOgftODyWAKwOMp8SDsrOC/ySqKAmcx6YbdVIQqCRVlv7j3/fu.G", false))));

    @Test
    void findsThePartnerAKeyBelongsTo() {
        assertThat(registry.authenticate("test-housing-key"))
                .hasValue(new Partner("housing-test", PartnerKind.HOUSING, "Test housing"));
        assertThat(registry.authenticate("test-housing-key")).isPresent(); // and again, from memory
    }

    @Test
    void refusesUnknownEmptyOversizedAndDisabledPartnersKeys() {
        assertThat(registry.authenticate("test-housing-ke")).isEmpty();
        assertThat(registry.authenticate("")).isEmpty();
        assertThat(registry.authenticate(null)).isEmpty();
        assertThat(registry.authenticate("k".repeat(513))).isEmpty();
        assertThat(registry.authenticate("test-police-key")).isEmpty();
    }
}
