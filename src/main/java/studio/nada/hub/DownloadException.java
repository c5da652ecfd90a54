package studio.nada.hub;

import java.io.IOException;

/** A download that did not deliver a verified file, with a reason the UI can act on. */
public final class DownloadException extends IOException {
    /** Why; {@link #resumable()} says whether "Download" again continues where it stopped. */
    public enum Reason {
        NOT_FOUND, HTTP_ERROR, NETWORK, STALLED, NOT_A_MODEL_FILE, SIZE_MISMATCH, CHECKSUM_MISMATCH, DISK_FULL,
        WRITE_FAILED, BUSY, CANCELLED
    }

    private final Reason reason;

    public DownloadException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DownloadException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether the bytes fetched so far were kept for a later resume. */
    public boolean resumable() {
        return reason == Reason.NETWORK || reason == Reason.STALLED || reason == Reason.CANCELLED
                || reason == Reason.DISK_FULL;
    }
}
