package io.myriad.graphdb.concept;

/**
 * Why one item of an import was refused.
 *
 * @param index the item's position in the submitted array, from 0
 * @param field the offending property, e.g. {@code definition} or {@code relations[0].target}
 * @param message what is wrong with it
 */
public record ItemError(int index, String field, String message) {
}
