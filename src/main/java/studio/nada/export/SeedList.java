package studio.nada.export;

import java.util.ArrayList;
import java.util.List;

/** Parses seed lists such as {@code 0-7}, {@code 3,5,9} or {@code 0-3,10} (commands, previews, exports). */
public final class SeedList {
    public static final int MAX_SEEDS = 100_000;

    private SeedList() {}

    public static long[] parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no seeds given: use e.g. --seeds 0-7 or --seeds 1,5,9");
        }
        List<Long> out = new ArrayList<>();
        // "0-3,10", "1, 5, 9", "1 5 9" and "0 - 3" all read as meant
        for (String part : text.trim().replaceAll("(\\d)\\s*-\\s*", "$1-").split("[,\\s]+")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    long a = Long.parseLong(p.substring(0, dash).trim());
                    long b = Long.parseLong(p.substring(dash + 1).trim());
                    if (b < a || b - a >= MAX_SEEDS) {
                        throw new IllegalArgumentException("bad seed range '" + p + "': need start <= end, at most "
                                + MAX_SEEDS + " seeds");
                    }
                    for (long s = a; s <= b; s++) {
                        out.add(s);
                    }
                } else {
                    out.add(Long.parseLong(p));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad seed '" + p + "' in '" + text + "': use e.g. 0-7 or 1,5,9");
            }
            if (out.size() > MAX_SEEDS) {
                throw new IllegalArgumentException("too many seeds (at most " + MAX_SEEDS + ")");
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
