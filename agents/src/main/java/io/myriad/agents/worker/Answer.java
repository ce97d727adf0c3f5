package io.myriad.agents.worker;

import java.util.List;

/**
 * What a worker says about its concept.
 *
 * @param text the answer
 * @param confidence 0 to 1, from how much knowledge the answer rests on
 * @param relatedConcepts the neighbours the answer used
 */
public record Answer(String text, double confidence, List<String> relatedConcepts) {

    public Answer {
        relatedConcepts = List.copyOf(relatedConcepts);
    }
}
