package org.mashhub.adapters.identity;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts of first given names, family names and postcodes over an index's children, kept as children are
 * filed. Below {@value #MIN_CHILDREN} children the shares say more about the index than about names and
 * places, so every value weighs the average (NaN).
 */
public final class TermCounts implements TermFrequencies {

    public static final long MIN_CHILDREN = 10_000;

    private final ConcurrentHashMap<String, Integer> given = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> family = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> postcode = new ConcurrentHashMap<>();
    private final AtomicLong children = new AtomicLong();

    /** A child filed: its first given name, its first family name and each of its postcodes count from now. */
    public void add(ChildDescription child) {
        children.incrementAndGet();
        if (child.primaryGiven() != null) {
            given.merge(Names.joined(child.primaryGiven()), 1, Integer::sum);
        }
        if (!child.familyNames().isEmpty()) {
            family.merge(Names.joined(child.familyNames().get(0)), 1, Integer::sum);
        }
        for (String code : child.postcodes()) {
            postcode.merge(code, 1, Integer::sum);
        }
    }

    @Override
    public double share(Field field, String value) {
        long all = children.get();
        if (all < MIN_CHILDREN || value == null) {
            return Double.NaN;
        }
        ConcurrentHashMap<String, Integer> counts = switch (field) {
            case GIVEN_NAME -> given;
            case FAMILY_NAME -> family;
            case POSTCODE -> postcode;
            default -> null;
        };
        // A value no child has yet (the query's own) is as rare as one child's.
        return counts == null ? Double.NaN : (double) Math.max(1, counts.getOrDefault(value, 0)) / all;
    }

    @Override
    public long children() {
        return children.get();
    }
}
