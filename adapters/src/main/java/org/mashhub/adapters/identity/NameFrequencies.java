package org.mashhub.adapters.identity;

/**
 * How common a name is among the children of the index: the share (0 to 1) that have it as their first
 * given name or their family name; NaN when the index cannot say. Used for the term-frequency adjustment of
 * exact name agreement (see {@link MatchWeights#exactNameWeight}).
 */
public interface NameFrequencies {

    NameFrequencies UNKNOWN = new NameFrequencies() {
        @Override
        public double givenShare(String normalisedGiven) {
            return Double.NaN;
        }

        @Override
        public double familyShare(String normalisedFamily) {
            return Double.NaN;
        }
    };

    double givenShare(String normalisedGiven);

    double familyShare(String normalisedFamily);
}
