package studio.nada.ui.viewmodel;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The notices raised so far (the view shows each new one; tests read them). FX thread. */
public final class Notices {
    /** A file path in a message: absolute, up to white space or a closing bracket or quote. */
    private static final Pattern PATH = Pattern.compile("(?<![\\w.])(/[^\\s:;,'\"()]+|[A-Za-z]:\\\\[^\\s:;,'\"()]+)");
    private final ObservableList<Notice> all = FXCollections.observableArrayList();
    private final ObservableList<Notice> readOnly = FXCollections.unmodifiableObservableList(all);

    public void post(Notice n) {
        all.add(new Notice(n.kind(), n.title(), sayPathsOnce(n.text())));
    }

    public ObservableList<Notice> all() {
        return readOnly;
    }

    /**
     * A message whose path comes back (the core's "cannot read /a/b.pt: /a/b.pt is not …") says it
     * in full once and by its file name after that.
     */
    static String sayPathsOnce(String text) {
        if (text == null) {
            return "";
        }
        Set<String> seen = new HashSet<>();
        Matcher m = PATH.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String p = m.group(1);
            String trimmed = p.replaceAll("[.]+$", "");
            String rest = p.substring(trimmed.length());
            if (seen.add(trimmed)) {
                m.appendReplacement(out, Matcher.quoteReplacement(p));
            } else {
                String name = trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
                m.appendReplacement(out, Matcher.quoteReplacement((name.isEmpty() ? trimmed : name) + rest));
            }
        }
        m.appendTail(out);
        return out.toString();
    }
}
