package studio.nada.nada;

/**
 * A user's prompt as it is shown back in messages and logs: control characters (terminal escape
 * sequences among them) written as escapes instead of acted on by the terminal, and a long
 * prompt cut to its start.
 */
public final class PromptText {
    static final int SHOWN = 80;

    private PromptText() {}

    /** {@code "text"}, quoted, escaped and cut to {@value #SHOWN} characters. */
    public static String quoted(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder("\"");
        int n = text.codePointCount(0, text.length());
        int shown = 0;
        for (int i = 0; i < text.length() && shown < SHOWN; shown++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        }
        b.append('"');
        if (n > SHOWN) {
            b.append("… (").append(n).append(" characters)");
        }
        return b.toString();
    }
}
