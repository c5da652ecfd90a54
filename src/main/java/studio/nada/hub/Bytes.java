package studio.nada.hub;

import java.util.Locale;

/** Byte counts for people: 1.5 kB, 338 MB, 1.2 GB (decimal units, as download sizes are given). */
public final class Bytes {
    private Bytes() {}

    public static String human(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
