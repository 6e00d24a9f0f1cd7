package org.mashhub.hub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mashhub.hub.partner.PartnersProperties.PartnerConfig;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PartnerRegistryTest {

    static final String PEPPER = "unit-test-pepper";
    static final PartnerKeys KEYS = new PartnerKeys(PEPPER);
    static final String POLICE_KEY = PartnerKeys.newKey("police-test");

    final PartnerRegistry registry = new PartnerRegistry(new PartnersProperties(List.of(
            new PartnerConfig("police-test", PartnerKind.POLICE, "Test police", KEYS.hash(POLICE_KEY), true),
            // made before keys named their partner: a slow hash, found only through a key that names it
            new PartnerConfig("housing-test", PartnerKind.HOUSING, "Test housing",
                    "{bcrypt}" + new BCryptPasswordEncoder(4).encode("mhk_housing-test_legacy"), true),
            new PartnerConfig("police-off", PartnerKind.POLICE, null, KEYS.hash("police-off-key"), false)), PEPPER));

    @Test
    void findsThePartnerAKeyBelongsToByItsKeyedHash() {
        assertThat(POLICE_KEY).startsWith("mhk_police-test_").hasSize("mhk_police-test_".length() + 43);
        assertThat(registry.authenticate(POLICE_KEY)).hasValue(new Partner("police-test", PartnerKind.POLICE, "Test police"));
        assertThat(PartnerKeys.partnerIdOf(POLICE_KEY)).hasValue("police-test");
    }

    @Test
    void aSlowHashIsCheckedOnlyForAKeyThatNamesItsPartner() {
        assertThat(registry.authenticate("mhk_housing-test_legacy")).map(Partner::id).hasValue("housing-test");
        assertThat(registry.authenticate("mhk_housing-test_legacy")).isPresent(); // and again, from memory
        assertThat(registry.authenticate("mhk_housing-test_wrong")).isEmpty();
        assertThat(registry.authenticate("mhk_police-test_legacy")).isEmpty();
    }

    @Test
    void aKeyUnderAnotherPepperIsNotValid() {
        PartnerRegistry otherPepper = new PartnerRegistry(new PartnersProperties(List.of(
                new PartnerConfig("police-test", PartnerKind.POLICE, null, KEYS.hash(POLICE_KEY), true)), "another-pepper"));
        assertThat(otherPepper.authenticate(POLICE_KEY)).isEmpty();
    }

    @Test
    void refusesUnknownEmptyOversizedAndDisabledPartnersKeys() {
        assertThat(registry.authenticate(POLICE_KEY.substring(0, POLICE_KEY.length() - 1))).isEmpty();
        assertThat(registry.authenticate(PartnerKeys.newKey("police-test"))).isEmpty();
        assertThat(registry.authenticate("")).isEmpty();
        assertThat(registry.authenticate(null)).isEmpty();
        assertThat(registry.authenticate("k".repeat(513))).isEmpty();
        assertThat(registry.authenticate("police-off-key")).isEmpty();
    }
}
