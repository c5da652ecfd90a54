package studio.nada.clip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code html.unescape}: numeric references with the HTML5 replacements for invalid code
 * points, and the full HTML5 named-reference table, including the legacy names that need no
 * {@code ;} and its longest-prefix rule ({@code "&ampx"} gives {@code "&x"}).
 */
final class HtmlUnescape {
    private static final Pattern CHARREF =
            Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");

    /** Name (with its {@code ;} where it needs one) to replacement, in the table's order. */
    static final Map<String, String> HTML5 = loadTable();

    /** Code points that Python drops from numeric references. */
    private static final Set<Integer> INVALID_CODE_POINTS = invalidCodePoints();

    private HtmlUnescape() {}

    static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = CHARREF.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replace(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String replace(String ref) {
        if (ref.charAt(0) == '#') {
            boolean hex = ref.charAt(1) == 'x' || ref.charAt(1) == 'X';
            String digits = ref.substring(hex ? 2 : 1);
            if (digits.endsWith(";")) {
                digits = digits.substring(0, digits.length() - 1);
            }
            return numeric(new BigInteger(digits, hex ? 16 : 10));
        }
        String named = HTML5.get(ref);
        if (named != null) {
            return named;
        }
        // Legacy names may be followed directly by other text: take the longest known prefix.
        for (int x = ref.length() - 1; x > 1; x--) {
            named = HTML5.get(ref.substring(0, x));
            if (named != null) {
                return named + ref.substring(x);
            }
        }
        return "&" + ref;
    }

    private static String numeric(BigInteger value) {
        if (value.compareTo(BigInteger.valueOf(0x10FFFF)) > 0) {
            return "\uFFFD";
        }
        int cp = value.intValue();
        if (cp == 0) {
            return "\uFFFD";
        }
        if (cp == 0x0D) {
            return "\r";
        }
        if (cp >= 0x80 && cp <= 0x9F) {
            return Windows1252.decodeC1((char) cp);
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            return "\uFFFD";
        }
        return INVALID_CODE_POINTS.contains(cp) ? "" : new String(Character.toChars(cp));
    }

    private static Set<Integer> invalidCodePoints() {
        Set<Integer> set = new HashSet<>();
        for (int cp = 0x1; cp <= 0x8; cp++) {
            set.add(cp);
        }
        set.add(0xB);
        for (int cp = 0xE; cp <= 0x1F; cp++) {
            set.add(cp);
        }
        for (int cp = 0x7F; cp <= 0x9F; cp++) {
            set.add(cp);
        }
        for (int cp = 0xFDD0; cp <= 0xFDEF; cp++) {
            set.add(cp);
        }
        for (int plane = 0; plane <= 0x10; plane++) {
            set.add(plane * 0x10000 + 0xFFFE);
            set.add(plane * 0x10000 + 0xFFFF);
        }
        return Collections.unmodifiableSet(set);
    }

    private static Map<String, String> loadTable() {
        Map<String, String> table = new LinkedHashMap<>();
        try (InputStream in = HtmlUnescape.class.getResourceAsStream("html5_entities.tsv")) {
            if (in == null) {
                throw new IllegalStateException("html5_entities.tsv is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                StringBuilder value = new StringBuilder();
                for (String hex : line.substring(tab + 1).split(" ")) {
                    value.appendCodePoint(Integer.parseInt(hex, 16));
                }
                table.put(line.substring(0, tab), value.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(table);
    }
}
