package io.myriad.orchestrator.query;

import java.time.ZoneId;

import io.myriad.contracts.answer.Format;

/**
 * A valid question, ready for the pipeline.
 *
 * @param text the question as asked
 * @param format how to render the answer
 * @param zone the asker's time zone
 * @param userId who asked
 */
public record Question(String text, Format format, ZoneId zone, String userId) {
}
