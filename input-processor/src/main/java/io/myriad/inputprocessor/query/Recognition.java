package io.myriad.inputprocessor.query;

import java.util.List;

import io.myriad.contracts.query.Intent;

/**
 * What one clause asks: an intent and the phrases it asks it about ("a lightbulb"; "kettles", "toasters").
 *
 * @param intent what the clause asks for
 * @param phrases the phrases it asks about, as written (normalised)
 * @param reportsUnknown whether a phrase naming no concept is worth reporting as an unknown phrase (false where
 *     the phrase boundaries are guessed, as in "X or Y")
 */
record Recognition(Intent intent, List<String> phrases, boolean reportsUnknown) {
}
