package org.mashhub.adapters.identity;

/**
 * How common a value is among the children of the index: the share (0 to 1) that have it as their first
 * given name, a family name or a postcode, and how many children the index holds. NaN and 0 when the index
 * cannot say. Used for the term-frequency adjustment of exact agreement ({@link MatchWeights#exactWeight}) and
 * for the prior ({@link MatchWeights#priorWeight}).
 */
public interface TermFrequencies {

    TermFrequencies UNKNOWN = new TermFrequencies() {
        @Override
        public double share(Field field, String value) {
            return Double.NaN;
        }

        @Override
        public long children() {
            return 0;
        }
    };

    /** @param value normalised as {@link ChildDescription} holds it (a name in lower case, a postcode without spaces) */
    double share(Field field, String value);

    long children();
}
