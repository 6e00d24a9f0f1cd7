package org.mashhub.hub.identity;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mashhub.adapters.NhsNumber;
import org.mashhub.adapters.Upn;
import org.mashhub.adapters.identity.BlockingKeys;
import org.mashhub.adapters.identity.ChildDescription;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.Identifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The hub child index's tables: each child's match profile (what the matcher compares), identifiers,
 * names and addresses as partners gave them, and blocking keys. Always inside the caller's transaction.
 */
@Component
class ChildProfiles {

    /** A child as the index holds it. */
    record Profile(String hubChildId, ChildDescription description, boolean unborn) {
    }

    /** The source of what the case system's own load says. */
    static final String CASE_SYSTEM = "case-system";

    private static final int MAX_LIST = 12;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final IndexModel model;
    private final IndexStatistics statistics;

    ChildProfiles(JdbcTemplate jdbc, Clock clock, IndexModel model, IndexStatistics statistics) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.model = model;
        this.statistics = statistics;
    }

    /**
     * The identifiers of a subject the index uses: NHS Numbers and UPNs only when valid (a mistyped one is
     * evidence of nothing), an unborn child's mother's NHS Number only when valid, every other
     * identifier (partner references, the case system's person id) as given.
     */
    static List<Identifier> usable(ChildSubject subject) {
        List<Identifier> usable = new ArrayList<>();
        for (Identifier id : subject.identifiers()) {
            boolean valid = switch (id.system()) {
                case Identifier.NHS_NUMBER, Identifier.UNBORN_CHILD_OF -> NhsNumber.isValid(id.value());
                case Identifier.UPN -> Upn.isValid(id.value());
                default -> id.value() != null && !id.value().isBlank();
            };
            if (valid && !usable.contains(id)) {
                usable.add(id);
            }
        }
        return usable;
    }

    /** The child each identifier belongs to (after any link a person made), for those the index knows. One query. */
    Map<Identifier, String> owners(Collection<Identifier> identifiers) {
        Map<Identifier, String> owners = new LinkedHashMap<>();
        if (identifiers.isEmpty()) {
            return owners;
        }
        // By value alone (an index lookup on both databases; H2 scanned the whole table for "(system and value) or ..."),
        // the systems checked here.
        Set<Identifier> wanted = Set.copyOf(identifiers);
        List<String> values = identifiers.stream().map(Identifier::value).distinct().toList();
        String placeholders = values.stream().map(v -> "?").collect(Collectors.joining(","));
        jdbc.query("select i.id_system, i.id_value, coalesce(c.merged_into, i.hub_child_id) from child_identifier i "
                + "left join hub_child c on c.hub_child_id = i.hub_child_id where i.id_value in (" + placeholders + ")",
                rs -> {
                    Identifier found = new Identifier(rs.getString(1), rs.getString(2));
                    if (wanted.contains(found)) {
                        owners.put(found, rs.getString(3));
                    }
                }, values.toArray());
        return owners;
    }

    /** Every child filed under any of these keys (a child linked into another has no keys). */
    List<String> blocked(Set<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        // The primary key's index alone: no join, so no plan can turn a lookup into a scan.
        String placeholders = keys.stream().map(k -> "?").collect(Collectors.joining(","));
        return jdbc.queryForList("select distinct hub_child_id from child_block_key where block_key in (" + placeholders + ")",
                String.class, keys.toArray());
    }

    /**
     * Every child filed under any of these keys, as the index holds it, leaving out any key that more than
     * {@code maxBlockSize} children share: such a key narrows nothing (a default birth date a partner's system fills
     * in, one date repeated by a data error), and comparing with all of them would make each lookup cost more with
     * every child filed. Two lookups on primary keys: the keys' children, then those children. The keys' sizes are
     * counted here, not by a {@code group by}: H2 keeps the plan it made for a statement while the table was empty,
     * and for a {@code group by block_key} that plan reads the whole key index in order, more of it with every child.
     */
    List<Profile> blockedProfiles(Set<String> keys, int maxBlockSize) {
        if (keys.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> blocks = new HashMap<>();
        // The keys as one array parameter: one statement text whatever their number, so it is planned once and reused.
        jdbc.query(connection -> {
            java.sql.PreparedStatement statement = connection.prepareStatement(
                    "select block_key, hub_child_id from child_block_key where block_key = any (?)");
            statement.setArray(1, connection.createArrayOf("varchar", keys.toArray()));
            return statement;
        }, rs -> {
            blocks.computeIfAbsent(rs.getString(1), key -> new ArrayList<>()).add(rs.getString(2));
        });
        Set<String> children = new LinkedHashSet<>();
        for (List<String> block : blocks.values()) {
            if (block.size() <= maxBlockSize) {
                children.addAll(block);
            }
        }
        if (children.isEmpty()) {
            return List.of();
        }
        return jdbc.query(connection -> {
            java.sql.PreparedStatement statement = connection.prepareStatement(
                    "select * from hub_child where merged_into is null and hub_child_id = any (?)");
            statement.setArray(1, connection.createArrayOf("varchar", children.toArray()));
            return statement;
        }, (rs, i) -> profile(rs));
    }

    /** Children filed under keys starting with any of these prefixes (a name search without a birth date). */
    List<String> blockedByPrefix(Set<String> prefixes, int limit) {
        Set<String> found = new java.util.LinkedHashSet<>();
        for (String prefix : prefixes) {
            found.addAll(jdbc.queryForList("select distinct hub_child_id from child_block_key where block_key like ? limit ?",
                    String.class, prefix.replace("%", "").replace("_", "") + "%", limit));
        }
        return List.copyOf(found);
    }

    /** Children with an address at this postcode (normalised, without spaces). */
    List<String> atPostcode(String postcode, int limit) {
        return jdbc.queryForList("select distinct hub_child_id from child_address where replace(upper(postcode), ' ', '') = ? limit ?",
                String.class, postcode, limit);
    }

    /** Children born that day, as the index holds them or as any source gives it (for a search by birth date alone). */
    List<String> bornOn(java.time.LocalDate day, int limit) {
        return jdbc.queryForList("""
                select hub_child_id from hub_child where birth_date = ? and merged_into is null
                union select hub_child_id from child_detail where field = 'BIRTH_DATE' and detail_value = ?
                limit ?""", String.class, day, day.toString(), limit);
    }

    /** Children with this normalised name among their given ({@code family} false) or family names (a search by one name). */
    List<String> named(String name, boolean family, int limit) {
        return jdbc.queryForList("select hub_child_id from hub_child where merged_into is null and ('|' || "
                + (family ? "family_names" : "given_names") + " || '|') like ? limit ?", String.class,
                "%|" + name.replace("%", "").replace("_", "") + "|%", limit);
    }

    List<Profile> profiles(Collection<String> hubChildIds) {
        if (hubChildIds.isEmpty()) {
            return List.of();
        }
        String placeholders = hubChildIds.stream().map(k -> "?").collect(Collectors.joining(","));
        return jdbc.query("select * from hub_child where merged_into is null and hub_child_id in (" + placeholders + ")",
                (rs, i) -> profile(rs), hubChildIds.toArray());
    }

    Optional<Profile> profile(String hubChildId) {
        return profiles(List.of(hubChildId)).stream().findFirst();
    }

    /** The hub child id a child linked into another now goes by. */
    String current(String hubChildId) {
        List<String> merged = jdbc.queryForList("select merged_into from hub_child where hub_child_id = ? and merged_into is not null",
                String.class, hubChildId);
        return merged.isEmpty() ? hubChildId : merged.get(0);
    }

    /** The children a person linked into this one. */
    List<String> linkedInto(String hubChildId) {
        return jdbc.queryForList("select hub_child_id from hub_child where merged_into = ?", String.class, hubChildId);
    }

    /** The case system's person id of each of these children that has one. One query. */
    Map<String, String> caseSystemPersonIds(Collection<String> hubChildIds) {
        Map<String, String> ids = new HashMap<>();
        if (hubChildIds.isEmpty()) {
            return ids;
        }
        List<Object> arguments = new ArrayList<>(hubChildIds);
        arguments.add(0, Identifier.CASE_SYSTEM_PERSON);
        jdbc.query("select hub_child_id, id_value from child_identifier where id_system = ? and hub_child_id in ("
                + hubChildIds.stream().map(h -> "?").collect(Collectors.joining(",")) + ")",
                rs -> {
                    ids.putIfAbsent(rs.getString(1), rs.getString(2));
                }, arguments.toArray());
        return ids;
    }

    /**
     * Files a new child under the subject's identifiers, names, address and keys. Identifiers that already
     * belong to a child stay with it.
     *
     * @param takeOver whether a child that another transaction filed under the same identifiers first
     *                 is this child (a first sighting), rather than a child to compare it with (a review)
     * @return the id of the child: the new one, or the one filed first
     */
    String create(String hubChildId, ChildSubject subject, String partnerId, boolean takeOver) {
        List<Identifier> identifiers = usable(subject);
        for (Identifier id : identifiers) {
            jdbc.update("insert into child_identifier (id_system, id_value, hub_child_id, created_at) values (?, ?, ?, ?) "
                    + "on conflict do nothing", id.system(), id.value(), hubChildId, now());
        }
        Set<String> owners = new LinkedHashSet<>(owners(identifiers).values());
        owners.remove(hubChildId);
        if (takeOver && !owners.isEmpty()) {
            // Another first sighting of this child committed first: its child it is.
            jdbc.update("delete from child_identifier where hub_child_id = ?", hubChildId);
            String winner = owners.iterator().next();
            learn(winner, subject, partnerId);
            return winner;
        }
        ChildDescription description = ChildDescription.of(subject);
        boolean unborn = subject.birthDate() == null && identifiers.stream().anyMatch(i -> i.system().equals(Identifier.UNBORN_CHILD_OF));
        jdbc.update("""
                insert into hub_child (hub_child_id, created_at, updated_at, given_names, family_names, birth_date, sex,
                                       postcodes, nhs_numbers, upns, unborn)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                hubChildId, now(), now(), join(description.givenNames()), join(description.familyNames()),
                date(description.birthDate()), description.sex(), join(description.postcodes()),
                join(description.nhsNumbers()), join(description.upns()), unborn);
        statistics.filed(1);
        recordNamesAndAddress(hubChildId, subject, partnerId);
        recordDetails(hubChildId, subject, partnerId);
        fileUnder(hubChildId, BlockingKeys.forIndex(description));
        model.filed(description);
        return hubChildId;
    }

    /**
     * Adds what the subject says that the index did not know: identifiers, names, a postcode, a birth date
     * or sex where there was none. A child born since its pre-birth plan is no longer known by its mother's
     * NHS Number once it has its own.
     */
    void learn(String hubChildId, ChildSubject subject, String partnerId) {
        Profile known = jdbc.query("select * from hub_child where hub_child_id = ? for update", (rs, i) -> profile(rs), hubChildId)
                .stream().findFirst().orElseThrow(() -> new IllegalStateException("no hub child " + hubChildId));
        List<Identifier> identifiers = usable(subject);
        for (Identifier id : identifiers) {
            jdbc.update("insert into child_identifier (id_system, id_value, hub_child_id, created_at) values (?, ?, ?, ?) "
                    + "on conflict do nothing", id.system(), id.value(), hubChildId, now());
        }
        ChildDescription merged = merge(known.description(), ChildDescription.of(subject));
        boolean born = known.unborn() && (subject.birthDate() != null
                || identifiers.stream().anyMatch(i -> i.system().equals(Identifier.NHS_NUMBER)));
        jdbc.update("""
                update hub_child set updated_at = ?, given_names = ?, family_names = ?, birth_date = ?, sex = ?, postcodes = ?,
                                     nhs_numbers = ?, upns = ?, unborn = ?
                where hub_child_id = ?""",
                now(), join(merged.givenNames()), join(merged.familyNames()), date(merged.birthDate()), merged.sex(),
                join(merged.postcodes()), join(merged.nhsNumbers()), join(merged.upns()), known.unborn() && !born, hubChildId);
        if (born) {
            // The mother's NHS Number names her next unborn child, not this one.
            jdbc.update("delete from child_identifier where hub_child_id = ? and id_system = ?", hubChildId, Identifier.UNBORN_CHILD_OF);
        }
        recordNamesAndAddress(hubChildId, subject, partnerId);
        recordDetails(hubChildId, subject, partnerId);
        fileUnder(hubChildId, BlockingKeys.forIndex(merged));
    }

    /** A person linked a child into another: everything known of the first now belongs to the second. */
    void link(String fromHubChildId, String intoHubChildId) {
        Profile from = profile(fromHubChildId).orElseThrow();
        Profile into = jdbc.query("select * from hub_child where hub_child_id = ? for update", (rs, i) -> profile(rs), intoHubChildId)
                .stream().findFirst().orElseThrow();
        jdbc.update("update child_identifier set hub_child_id = ? where hub_child_id = ?", intoHubChildId, fromHubChildId);
        jdbc.update("""
                insert into child_name (hub_child_id, kind, name, first_seen_at, source_partner_id)
                select ?, kind, name, first_seen_at, source_partner_id from child_name f where f.hub_child_id = ?
                  and not exists (select 1 from child_name t where t.hub_child_id = ? and t.kind = f.kind and t.name = f.name)""",
                intoHubChildId, fromHubChildId, intoHubChildId);
        jdbc.update("""
                insert into child_address (hub_child_id, postcode, first_line, town, district, valid_from, valid_to, first_seen_at,
                                           source_partner_id)
                select ?, postcode, first_line, town, district, valid_from, valid_to, first_seen_at, source_partner_id
                from child_address f where f.hub_child_id = ?
                  and not exists (select 1 from child_address t where t.hub_child_id = ? and t.postcode = f.postcode)""",
                intoHubChildId, fromHubChildId, intoHubChildId);
        jdbc.update("""
                insert into child_detail (hub_child_id, field, detail_value, source, first_seen_at)
                select ?, field, detail_value, source, first_seen_at from child_detail f where f.hub_child_id = ?
                  and not exists (select 1 from child_detail t where t.hub_child_id = ? and t.field = f.field
                                  and t.detail_value = f.detail_value and t.source = f.source)""",
                intoHubChildId, fromHubChildId, intoHubChildId);
        ChildDescription merged = merge(into.description(), from.description());
        jdbc.update("""
                update hub_child set updated_at = ?, given_names = ?, family_names = ?, birth_date = ?, sex = ?, postcodes = ?,
                                     nhs_numbers = ?, upns = ?
                where hub_child_id = ?""",
                now(), join(merged.givenNames()), join(merged.familyNames()), date(merged.birthDate()), merged.sex(),
                join(merged.postcodes()), join(merged.nhsNumbers()), join(merged.upns()), intoHubChildId);
        fileUnder(intoHubChildId, BlockingKeys.forIndex(merged));
        jdbc.update("delete from child_block_key where hub_child_id = ?", fromHubChildId);
        jdbc.update("update hub_child set merged_into = ?, updated_at = ? where hub_child_id = ?", intoHubChildId, now(), fromHubChildId);
    }

    /** Records that these children were named together by a partner (a household): grouped, never merged. */
    void group(Collection<String> hubChildIds, String hubMessageId) {
        for (String a : hubChildIds) {
            for (String b : hubChildIds) {
                if (!a.equals(b)) {
                    jdbc.update("""
                            insert into child_relation (hub_child_id, related_hub_child_id, relation, source_hub_message_id, created_at)
                            values (?, ?, 'HOUSEHOLD', ?, ?) on conflict do nothing""", a, b, hubMessageId, now());
                }
            }
        }
    }

    /**
     * Files many new children at once (a load of the case system's known children): batched inserts.
     *
     * @param subjects new children by hub child id, none of whose identifiers the index knows
     */
    void createAll(Map<String, ChildSubject> subjects) {
        List<Object[]> children = new ArrayList<>();
        List<Object[]> identifiers = new ArrayList<>();
        List<Object[]> names = new ArrayList<>();
        List<Object[]> addresses = new ArrayList<>();
        List<Object[]> keys = new ArrayList<>();
        List<Object[]> details = new ArrayList<>();
        OffsetDateTime now = now();
        for (Map.Entry<String, ChildSubject> entry : subjects.entrySet()) {
            String id = entry.getKey();
            ChildSubject subject = entry.getValue();
            ChildDescription d = ChildDescription.of(subject);
            children.add(new Object[] {id, now, now, join(d.givenNames()), join(d.familyNames()), date(d.birthDate()), d.sex(),
                    join(d.postcodes()), join(d.nhsNumbers()), join(d.upns())});
            for (Identifier identifier : usable(subject)) {
                identifiers.add(new Object[] {identifier.system(), identifier.value(), id, now});
            }
            for (String[] name : names(subject)) {
                names.add(new Object[] {id, name[0], name[1], now, null});
            }
            if (subject.address() != null && ChildDescription.postcode(subject.address().postcode()) != null) {
                addresses.add(new Object[] {id, ChildDescription.postcode(subject.address().postcode()), now});
            }
            details(subject).forEach((field, value) -> details.add(new Object[] {id, field, value, CASE_SYSTEM, now}));
            for (String key : BlockingKeys.forIndex(d)) {
                keys.add(new Object[] {key, id});
            }
            model.filed(d);
        }
        jdbc.batchUpdate("""
                insert into hub_child (hub_child_id, created_at, updated_at, given_names, family_names, birth_date, sex, postcodes,
                                       nhs_numbers, upns)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", children);
        jdbc.batchUpdate("insert into child_identifier (id_system, id_value, hub_child_id, created_at) values (?, ?, ?, ?)", identifiers);
        jdbc.batchUpdate("insert into child_name (hub_child_id, kind, name, first_seen_at, source_partner_id) values (?, ?, ?, ?, ?) "
                + "on conflict do nothing", names);
        jdbc.batchUpdate("insert into child_address (hub_child_id, postcode, first_seen_at) values (?, ?, ?) on conflict do nothing",
                addresses);
        jdbc.batchUpdate("insert into child_block_key (block_key, hub_child_id) values (?, ?) on conflict do nothing", keys);
        jdbc.batchUpdate("insert into child_detail (hub_child_id, field, detail_value, source, first_seen_at) values (?, ?, ?, ?, ?) "
                + "on conflict do nothing", details);
        statistics.filed(children.size());
    }

    private void recordNamesAndAddress(String hubChildId, ChildSubject subject, String partnerId) {
        for (String[] name : names(subject)) {
            jdbc.update("insert into child_name (hub_child_id, kind, name, first_seen_at, source_partner_id) values (?, ?, ?, ?, ?) "
                    + "on conflict do nothing", hubChildId, name[0], name[1], now(), partnerId);
        }
        if (subject.address() != null && ChildDescription.postcode(subject.address().postcode()) != null) {
            var a = subject.address();
            jdbc.update("""
                    insert into child_address (hub_child_id, postcode, first_line, town, district, valid_from, valid_to,
                                               first_seen_at, source_partner_id)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                    hubChildId, ChildDescription.postcode(a.postcode()), a.lines().isEmpty() ? null : truncate(a.lines().get(0), 200),
                    truncate(a.town(), 100), truncate(a.district(), 100), date(a.from()), date(a.to()), now(), partnerId);
        }
    }

    /** What this source says of the child's birth date, sex and names, kept beside what every other source says. */
    private void recordDetails(String hubChildId, ChildSubject subject, String partnerId) {
        String source = partnerId == null ? CASE_SYSTEM : partnerId;
        List<Object[]> rows = new ArrayList<>();
        details(subject).forEach((field, value) -> rows.add(new Object[] {hubChildId, field, value, source, now()}));
        jdbc.batchUpdate("insert into child_detail (hub_child_id, field, detail_value, source, first_seen_at) values (?, ?, ?, ?, ?) "
                + "on conflict do nothing", rows);
    }

    /** The details a source gives, by field. */
    private static Map<String, String> details(ChildSubject subject) {
        Map<String, String> details = new LinkedHashMap<>();
        if (subject.birthDate() != null) {
            details.put(SourcedDetail.BIRTH_DATE, subject.birthDate().toString());
        }
        if (subject.sex() != null) {
            details.put(SourcedDetail.SEX, subject.sex());
        }
        if (subject.name() != null && subject.name().given() != null && !subject.name().given().isBlank()) {
            details.put(SourcedDetail.GIVEN_NAME, truncate(subject.name().given().strip(), 200));
        }
        if (subject.name() != null && subject.name().family() != null && !subject.name().family().isBlank()) {
            details.put(SourcedDetail.FAMILY_NAME, truncate(subject.name().family().strip(), 200));
        }
        return details;
    }

    /** Whether any source has given this child this value of the field before. */
    boolean hasDetail(String hubChildId, String field, String value) {
        return !jdbc.queryForList("select 1 from child_detail where hub_child_id = ? and field = ? and detail_value = ?", Integer.class,
                hubChildId, field, value).isEmpty();
    }

    /** What each source has said of these children (a child and those linked into it), oldest first. */
    List<SourcedDetail> details(Collection<String> hubChildIds) {
        if (hubChildIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select field, detail_value, source, min(first_seen_at) from child_detail where hub_child_id in ("
                        + hubChildIds.stream().map(h -> "?").collect(Collectors.joining(",")) + ") group by field, detail_value, source "
                        + "order by min(first_seen_at)",
                (rs, i) -> new SourcedDetail(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()), hubChildIds.toArray());
    }

    /**
     * A person found that a record linked to a child is about another child: a new child for the record's
     * description, and the events of that message move to it. The identifiers the first child had stay with it; the
     * details this record's source gave that no other record of that source confirmed go with the record.
     *
     * @return the new child's id, and the events that moved to it
     */
    Separated separate(String hubChildId, ChildSubject subject, String partnerId, String hubMessageId) {
        String newChild = create(java.util.UUID.randomUUID().toString(), subject, partnerId, false);
        // The acceptance's own table: the events of this message about this child are the other child's.
        List<String> moved = jdbc.queryForList("select event_id from accepted_event where hub_message_id = ? and hub_child_id = ? "
                + "order by event_index", String.class, hubMessageId, hubChildId);
        jdbc.update("update accepted_event set hub_child_id = ? where hub_message_id = ? and hub_child_id = ?", newChild, hubMessageId,
                hubChildId);
        if (subject.birthDate() != null) {
            jdbc.update("delete from child_detail where hub_child_id = ? and field = ? and detail_value = ? and source = ?", hubChildId,
                    SourcedDetail.BIRTH_DATE, subject.birthDate().toString(), partnerId == null ? CASE_SYSTEM : partnerId);
        }
        return new Separated(newChild, moved);
    }

    /** A separation's new child, and the events that are about it now. */
    record Separated(String newHubChildId, List<String> movedEventIds) {
    }

    private void fileUnder(String hubChildId, Set<String> keys) {
        List<Object[]> rows = keys.stream().map(k -> new Object[] {k, hubChildId}).toList();
        jdbc.batchUpdate("insert into child_block_key (block_key, hub_child_id) values (?, ?) on conflict do nothing", rows);
    }

    /** Names as given, with their kind: the given name, the family name, and others (previous, alternative). */
    private static List<String[]> names(ChildSubject subject) {
        List<String[]> names = new ArrayList<>();
        if (subject.name() == null) {
            return names;
        }
        if (subject.name().given() != null) {
            names.add(new String[] {"GIVEN", truncate(subject.name().given(), 200)});
        }
        if (subject.name().family() != null) {
            names.add(new String[] {"FAMILY", truncate(subject.name().family(), 200)});
        }
        for (String other : subject.name().other()) {
            names.add(new String[] {"OTHER", truncate(other, 200)});
        }
        return names;
    }

    private static ChildDescription merge(ChildDescription known, ChildDescription seen) {
        return new ChildDescription(union(known.givenNames(), seen.givenNames()), union(known.familyNames(), seen.familyNames()),
                known.birthDate() != null ? known.birthDate() : seen.birthDate(), known.sex() != null ? known.sex() : seen.sex(),
                new LinkedHashSet<>(union(known.postcodes(), seen.postcodes())),
                new LinkedHashSet<>(union(known.nhsNumbers(), seen.nhsNumbers())), new LinkedHashSet<>(union(known.upns(), seen.upns())));
    }

    private static List<String> union(Collection<String> a, Collection<String> b) {
        LinkedHashSet<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all.stream().limit(MAX_LIST).toList();
    }

    private static Profile profile(ResultSet rs) throws SQLException {
        Date born = rs.getDate("birth_date");
        ChildDescription description = new ChildDescription(split(rs.getString("given_names")), split(rs.getString("family_names")),
                born == null ? null : born.toLocalDate(), rs.getString("sex"), new LinkedHashSet<>(split(rs.getString("postcodes"))),
                new LinkedHashSet<>(split(rs.getString("nhs_numbers"))), new LinkedHashSet<>(split(rs.getString("upns"))));
        return new Profile(rs.getString("hub_child_id"), description, rs.getBoolean("unborn"));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split("\\|"));
    }

    private static String join(Collection<String> values) {
        return String.join("|", values);
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** For a load: which of these identifiers the index knows, and whose they are. */
    Map<Identifier, String> ownersOf(Collection<Identifier> identifiers) {
        Map<String, List<Identifier>> byValue = new HashMap<>();
        for (Identifier id : identifiers) {
            byValue.computeIfAbsent(id.value(), v -> new ArrayList<>()).add(id);
        }
        Map<Identifier, String> owners = new HashMap<>();
        List<String> values = new ArrayList<>(byValue.keySet());
        for (int start = 0; start < values.size(); start += 500) {
            List<String> chunk = values.subList(start, Math.min(values.size(), start + 500));
            String placeholders = chunk.stream().map(v -> "?").collect(Collectors.joining(","));
            jdbc.query("select i.id_system, i.id_value, coalesce(c.merged_into, i.hub_child_id) from child_identifier i "
                    + "left join hub_child c on c.hub_child_id = i.hub_child_id where i.id_value in (" + placeholders + ")", rs -> {
                        Identifier found = new Identifier(rs.getString(1), rs.getString(2));
                        if (byValue.getOrDefault(found.value(), List.of()).contains(found)) {
                            owners.put(found, rs.getString(3));
                        }
                    }, chunk.toArray());
        }
        return owners;
    }
}
