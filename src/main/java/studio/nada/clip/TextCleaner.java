package studio.nada.clip;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * CLIP's {@code basic_clean} and {@code whitespace_clean}, then lower case: ftfy, HTML unescaped
 * twice, whitespace runs collapsed to one space and trimmed.
 */
final class TextCleaner {
    /** Upstream uses the {@code regex} module, whose {@code \s} is Unicode White_Space, as here. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private TextCleaner() {}

    static String clean(String text) {
        String fixed = TextFixer.fixText(text);
        String unescaped = HtmlUnescape.unescape(HtmlUnescape.unescape(fixed));
        String collapsed = WHITESPACE.matcher(unescaped).replaceAll(" ");
        int start = collapsed.startsWith(" ") ? 1 : 0;
        int end = collapsed.length() > start && collapsed.endsWith(" ") ? collapsed.length() - 1 : collapsed.length();
        // Python's str.lower(): full Unicode mapping, independent of the default locale.
        return collapsed.substring(start, end).toLowerCase(Locale.ROOT);
    }
}
