package studio.nada.hub;

/**
 * Where a download stands: {@code bytes} of {@code total} (-1 while the server has not said),
 * the rate over the last seconds and the time left at that rate (NaN when unknown).
 */
public record DownloadProgress(String name, Phase phase, long bytes, long total, double bytesPerSecond,
        double etaSeconds) {

    public enum Phase {
        CONNECTING, DOWNLOADING, VERIFYING, DONE
    }

    /** 0..1, or -1 when the total is unknown. */
    public double fraction() {
        return total > 0 ? Math.min(1.0, (double) bytes / total) : -1;
    }

    /** "12.3 MB of 338 MB · 4.1 MB/s · 1 min 20 s left", or the phase's word. */
    public String describe() {
        return switch (phase) {
            case CONNECTING -> "connecting…";
            case VERIFYING -> "verifying sha256…";
            case DONE -> "ready";
            case DOWNLOADING -> Bytes.human(bytes) + (total > 0 ? " of " + Bytes.human(total) : "")
                    + (bytesPerSecond > 0 ? " · " + Bytes.human((long) bytesPerSecond) + "/s" : "")
                    + (Double.isFinite(etaSeconds) ? " · " + duration(etaSeconds) + " left" : "");
        };
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
}
