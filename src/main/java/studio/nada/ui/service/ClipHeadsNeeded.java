package studio.nada.ui.service;

import java.nio.file.Path;
import studio.nada.clip.ClipHeads;

/**
 * A CLIP file whose attention head counts cannot be inferred: the studio asks for them (the
 * open dialog) and opens the file again with the answer.
 */
public final class ClipHeadsNeeded extends RuntimeException {
    private final transient Path file;
    private final ClipHeads.Inferred inferred;

    public ClipHeadsNeeded(Path file, ClipHeads.Inferred inferred) {
        super("the attention head counts of " + file.getFileName() + " cannot be read from it (vision width "
                + inferred.visionWidth() + ", text width " + inferred.textWidth() + ")");
        this.file = file;
        this.inferred = inferred;
    }

    public Path file() {
        return file;
    }

    /** The widths, and the heads inferred where the file allows (0 where not). */
    public ClipHeads.Inferred inferred() {
        return inferred;
    }

    /** The {@link ClipHeadsNeeded} in {@code e}'s chain of causes, or null. */
    public static ClipHeadsNeeded in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClipHeadsNeeded q) {
                return q;
            }
        }
        return null;
    }
}
