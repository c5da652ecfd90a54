package studio.nada.nada;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run makes in its folder before its first output: the lock file, {@code samples/} and the
 * folder itself, those of them not there when it starts (innermost first). A run that fails removes
 * them again, so that a failed {@code train} or studio session leaves no empty folder behind.
 */
public record MadeByRun(List<Path> paths) {
    public MadeByRun {
        paths = List.copyOf(paths);
    }

    /** Notes, before the run takes its folder {@code dir}, which of these are not there yet. */
    public static MadeByRun before(Path dir) {
        List<Path> made = new ArrayList<>();
        for (Path p : List.of(dir.resolve(RunLock.FILE), dir.resolve("samples"), dir)) {
            if (!Files.exists(p)) {
                made.add(p);
            }
        }
        return new MadeByRun(made);
    }

    /**
     * After a failed run: removes the lock file, samples folder and run folder it made, each only
     * if nothing else is in it (a checkpoint or sample it wrote before failing is kept, and so is
     * the folder holding it). Call it while the lock is still held, so no other run is using them.
     */
    public void removeIfEmpty() {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // not empty (outputs to keep) or not ours to remove: left as it is
            }
        }
    }
}
