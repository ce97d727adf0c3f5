package io.myriad.agents.worker;

/**
 * Confidence grows with the knowledge an answer rests on: a floor when there is none, then linearly up to a ceiling
 * once there is "enough".
 */
final class Confidence {

    static final double NONE = 0.1;

    private static final double SOME = 0.3;

    private Confidence() {
    }

    static double of(int pieces, int enough, double ceiling) {
        if (pieces <= 0) {
            return NONE;
        }
        double share = Math.min(pieces, enough) / (double) enough;
        return round(SOME + (ceiling - SOME) * share);
    }

    static double round(double confidence) {
        return Math.round(confidence * 100) / 100.0;
    }
}
