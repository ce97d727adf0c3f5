package io.myriad.orchestrator.query;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

import io.myriad.contracts.answer.Format;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /api/v1/queries}.
 *
 * @param text the question
 * @param format {@code text}, {@code markdown} or {@code json}; {@code text} when absent
 * @param zone the asker's IANA time zone; UTC when absent
 */
public record QueryRequest(
        @NotBlank(message = "must not be blank") @MaxUtf8Bytes(QueryRequest.MAX_TEXT_BYTES) String text,
        @Pattern(regexp = "text|markdown|json", flags = Pattern.Flag.CASE_INSENSITIVE,
                message = "must be one of text, markdown, json") String format,
        @TimeZoneId String zone) {

    /** 4 KiB of UTF-8: longer than any question, short enough to keep every hop cheap. */
    static final int MAX_TEXT_BYTES = 4096;

    /** The question this request asks, with defaults filled in; call only on a valid request. */
    Question toQuestion(String userId) {
        Format rendering = (this.format != null) ? Format.valueOf(this.format.toUpperCase(Locale.ROOT)) : Format.TEXT;
        ZoneId zoneId = (this.zone != null) ? ZoneId.of(this.zone) : ZoneOffset.UTC;
        return new Question(this.text.strip(), rendering, zoneId, userId);
    }
}
