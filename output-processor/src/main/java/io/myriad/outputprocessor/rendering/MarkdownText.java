package io.myriad.outputprocessor.rendering;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.myriad.outputprocessor.composition.Wording;

/**
 * Makes text safe to put inside a Markdown heading, list item or table cell: it stays literal text, whatever
 * characters a user or an agent wrote (CommonMark's backslash escapes, plus GFM's table pipe and strikethrough).
 */
final class MarkdownText {

    private static final String SPECIAL = "\\`*_[]<>|#~&";

    // At the start of a line these would open a list, a quote, a heading or a thematic break.
    private static final Pattern BLOCK_START = Pattern.compile("^(\\d+)([.)])|^([-+=>])");

    private MarkdownText() {
    }

    static String escape(String text) {
        String line = Wording.oneLine(text);
        StringBuilder escaped = new StringBuilder(line.length() + 8);
        Matcher blockStart = BLOCK_START.matcher(line);
        int from = 0;
        if (blockStart.find()) {
            if (blockStart.group(1) != null) {
                escaped.append(blockStart.group(1)).append('\\').append(blockStart.group(2));
            }
            else {
                escaped.append('\\').append(blockStart.group(3));
            }
            from = blockStart.end();
        }
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (SPECIAL.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
