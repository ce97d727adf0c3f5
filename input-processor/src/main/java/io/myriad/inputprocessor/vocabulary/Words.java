package io.myriad.inputprocessor.vocabulary;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.myriad.inputprocessor.text.ParseWork;

/**
 * Splits text into the lower-case words that concept names are matched on. Names and questions go through the
 * same splitting, so "Light-Bulb", "light_bulb" and "light bulb" all become {@code [light, bulb]}.
 */
public final class Words {

    private static final Pattern POSSESSIVE = Pattern.compile("['’]s\\b");

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]++");

    private Words() {
    }

    /** The words of {@code text}, lower case, possessives dropped ("kettle's" is "kettle"). */
    public static List<String> of(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String plain = ParseWork.matcher(POSSESSIVE, text.toLowerCase(Locale.ROOT)).replaceAll("");
        return ParseWork.split(SEPARATORS, plain).stream().filter(word -> !word.isEmpty()).toList();
    }
}
