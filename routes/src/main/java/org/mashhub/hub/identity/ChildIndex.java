package org.mashhub.hub.identity;

import java.text.Normalizer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.Identifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Placeholder child index: the hub child id of the first known identifier of a child, in the order the
 * partner gave them (NHS Number first), else of an exact surname, given name and birth date key, else a
 * new id. Every identifier seen is recorded against the id chosen.
 *
 * <p>Deliberately simple and replaced by the identity issue: it cannot tell twins with the same name
 * apart and never asks a person. Concurrent first sightings of one child settle on one id because the
 * insert of an existing key does nothing and the stored id is read back.
 */
@Component
public class ChildIndex {

    static final String DEMOGRAPHIC_KEY_SYSTEM = "urn:mash-hub:id:demographic-key";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ChildIndex(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The hub child id for this child, creating one if the child is new. */
    public String resolve(ChildSubject child) {
        List<Identifier> keys = new ArrayList<>(child.identifiers());
        demographicKey(child).ifPresent(keys::add);
        if (keys.isEmpty()) {
            return UUID.randomUUID().toString();
        }
        String known = keys.stream()
                .map(this::hubChildIdOf)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(UUID.randomUUID().toString());
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        for (Identifier key : keys) {
            jdbc.update("""
                    insert into child_identifier (id_system, id_value, hub_child_id, created_at) values (?, ?, ?, ?)
                    on conflict do nothing""", key.system(), key.value(), known, now);
        }
        // Another transaction may have claimed the first key meanwhile: its id wins.
        String settled = hubChildIdOf(keys.get(0));
        return settled != null ? settled : known;
    }

    private String hubChildIdOf(Identifier key) {
        return jdbc.query("select hub_child_id from child_identifier where id_system = ? and id_value = ?",
                rs -> rs.next() ? rs.getString(1) : null, key.system(), key.value());
    }

    private static Optional<Identifier> demographicKey(ChildSubject child) {
        if (child.name() == null || child.name().family() == null || child.name().given() == null
                || child.birthDate() == null) {
            return Optional.empty();
        }
        return Optional.of(new Identifier(DEMOGRAPHIC_KEY_SYSTEM,
                normalise(child.name().family()) + "|" + normalise(child.name().given()) + "|" + child.birthDate()));
    }

    private static String normalise(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z]", "");
    }
}
