package org.mashhub.hub.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashhub.hub.partner.PartnerKind;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.hub.partner.PartnersProperties;
import org.mashhub.hub.partner.PartnersProperties.PartnerConfig;

class AgreementsTest {

    static final PartnerRegistry DEMO_PARTNERS = new PartnerRegistry(new PartnersProperties(Stream.of(
            "police-demo:POLICE", "health-demo:HEALTH", "school-demo:SCHOOLS", "housing-demo:HOUSING").map(p -> p.split(":"))
            .map(p -> new PartnerConfig(p[0], PartnerKind.valueOf(p[1]), null, "{noop}key", true)).toList(), null));

    @TempDir
    Path dir;

    @Test
    void theSampleAgreementsShippedInConfigAreValid() throws IOException {
        Agreements agreements = new Agreements(new SharingProperties(Path.of("..", "config", "sharing")), DEMO_PARTNERS);

        assertThat(agreements.all()).extracting(Agreement::partner)
                .containsExactlyInAnyOrder("police-demo", "health-demo", "school-demo", "housing-demo");
        assertThat(agreements.inForce("health-demo", LocalDate.of(2026, 11, 23))).isPresent();
    }

    @Test
    void everyProblemInEveryFileIsNamedAndTheHubDoesNotStart() throws IOException {
        Files.writeString(dir.resolve("a-unknown-things.yaml"), """
                agreement: isa-a
                partner: nobody
                valid-from: 2026-05-01
                valid-to: 2026-01-01
                categories:
                  health.gossip:
                    lawful-basis: [UK-GDPR-6-1-e, because]
                    if-consent-refused: shrug
                    roles: [PRACTITIONER, CLEANER]
                """);
        Files.writeString(dir.resolve("b-typo.yaml"), """
                agreement: isa-b
                partner: health-demo
                categories:
                  demographics:
                    lawful-basis: [UK-GDPR-6-1-e]
                    consent-requried: false
                """);
        Files.writeString(dir.resolve("c-not-yaml.yaml"), "agreement: [unclosed\n");
        Files.writeString(dir.resolve("d-same-id.yaml"), """
                agreement: isa-a
                partner: police-demo
                categories: {}
                """);

        assertThatThrownBy(() -> new Agreements(new SharingProperties(dir), DEMO_PARTNERS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll(
                        "a-unknown-things.yaml: 'valid-to' is before 'valid-from'",
                        "a-unknown-things.yaml: categories.health.gossip: not a data category",
                        "a-unknown-things.yaml: categories.health.gossip.lawful-basis: because is not one of",
                        "a-unknown-things.yaml: categories.health.gossip.consent-required: true or false is required",
                        "a-unknown-things.yaml: categories.health.gossip.case-system: true or false is required",
                        "a-unknown-things.yaml: categories.health.gossip.if-consent-refused: must be withhold or redact",
                        "a-unknown-things.yaml: categories.health.gossip.roles: CLEANER is not a staff role",
                        "a-unknown-things.yaml: categories.health.gossip.retention: a period such as P6Y is required",
                        "b-typo.yaml: Unrecognized field \"consent-requried\"",
                        "c-not-yaml.yaml: ",
                        "d-same-id.yaml: 'categories' is required",
                        "d-same-id.yaml: agreement id isa-a is also used by a-unknown-things.yaml");
    }

    @Test
    void withNoAgreementsFolderNoPartnerHasAnAgreementInForce() throws IOException {
        Agreements agreements = new Agreements(new SharingProperties(dir.resolve("missing")), DEMO_PARTNERS);

        assertThat(agreements.all()).isEmpty();
        assertThat(agreements.inForce("health-demo", LocalDate.of(2026, 11, 23))).isEmpty();
    }

    @Test
    void aLaterAgreementReplacesAnEarlierOneFromTheDayItStarts() throws IOException {
        for (String year : List.of("2025", "2026")) {
            Files.writeString(dir.resolve("isa-" + year + ".yaml"), """
                    agreement: isa-%s
                    partner: housing-demo
                    valid-from: %s-04-01
                    categories:
                      housing.status:
                        lawful-basis: [UK-GDPR-6-1-e]
                        consent-required: false
                        if-consent-refused: withhold
                        case-system: true
                        retention: P2Y
                    """.formatted(year, year));
        }
        Agreements agreements = new Agreements(new SharingProperties(dir), DEMO_PARTNERS);

        assertThat(agreements.inForce("housing-demo", LocalDate.of(2026, 3, 31))).map(Agreement::agreement).hasValue("isa-2025");
        assertThat(agreements.inForce("housing-demo", LocalDate.of(2026, 4, 1))).map(Agreement::agreement).hasValue("isa-2026");
        assertThat(agreements.inForce("housing-demo", LocalDate.of(2025, 3, 1))).isEmpty();
    }
}
