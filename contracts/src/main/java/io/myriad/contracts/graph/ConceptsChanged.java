package io.myriad.contracts.graph;

import java.util.List;

/**
 * Published on {@link io.myriad.contracts.Topics#CONCEPT_CHANGES} after concepts were imported or changed, so
 * that caches of concept names and knowledge refresh.
 *
 * @param names the canonical names of the concepts that changed
 */
public record ConceptsChanged(List<String> names) {
}
