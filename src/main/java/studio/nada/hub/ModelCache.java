package studio.nada.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The folder downloaded models live in, shared by the studio and the command line. A finished
 * model is {@code models/NAME/FILE}; a download under way or cut is {@code partial/NAME.part}
 * (with what the server said of it in {@code NAME.part.json}), so a half-written file is never
 * where a finished one is looked for.
 *
 * <p>Where: the {@code nada.cache} system property, else {@code NADA_STUDIO_CACHE}, else the
 * platform's cache folder ({@code $XDG_CACHE_HOME} or {@code ~/.cache} on Linux, {@code
 * ~/Library/Caches} on macOS, {@code %LOCALAPPDATA%} on Windows) + {@code nada-studio}.
 */
public final class ModelCache {
    public static final String PROPERTY = "nada.cache";
    public static final String ENV = "NADA_STUDIO_CACHE";

    /** Where an entry stands on this machine. */
    public enum State {
        MISSING, PARTIAL, READY
    }

    private final Path root;

    public ModelCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The cache the user configured (see the class comment). */
    public static ModelCache standard() {
        return new ModelCache(defaultRoot());
    }

    static Path defaultRoot() {
        String p = System.getProperty(PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(ENV);
        }
        if (p != null && !p.isBlank()) {
            return Path.of(p);
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return Path.of(local != null ? local : home, "nada-studio", "cache");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Caches", "nada-studio");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return Path.of(xdg != null && !xdg.isBlank() ? xdg : home + "/.cache", "nada-studio");
    }

    public Path root() {
        return root;
    }

    /** The user's own catalog entries (added files, extra servers). */
    public Path userCatalog() {
        return root.resolve("catalog.json");
    }

    /** Where the finished file of {@code e} is, or would be: its local file when it has one. */
    public Path fileOf(CatalogEntry e) {
        return e.local() != null ? e.local() : root.resolve("models").resolve(e.name()).resolve(e.fileName());
    }

    Path partialOf(CatalogEntry e) {
        return root.resolve("partial").resolve(e.name() + ".part");
    }

    Path partialInfoOf(CatalogEntry e) {
        return root.resolve("partial").resolve(e.name() + ".part.json");
    }

    public State state(CatalogEntry e) {
        if (Files.isRegularFile(fileOf(e))) {
            return State.READY;
        }
        return e.local() == null && Files.isRegularFile(partialOf(e)) ? State.PARTIAL : State.MISSING;
    }

    /** Bytes already fetched of a cut download (0 when none). */
    public long partialBytes(CatalogEntry e) {
        try {
            return Files.isRegularFile(partialOf(e)) ? Files.size(partialOf(e)) : 0;
        } catch (IOException ex) {
            return 0;
        }
    }

    /**
     * Deletes the downloaded file and any partial download of {@code e}. A user's own file
     * ({@code local}) is never deleted: forgetting it is the catalog's job.
     */
    public void remove(CatalogEntry e) throws IOException {
        Files.deleteIfExists(partialOf(e));
        Files.deleteIfExists(partialInfoOf(e));
        if (e.local() == null) {
            Path file = fileOf(e);
            Files.deleteIfExists(file);
            Path dir = file.getParent();
            try (var s = Files.list(dir)) {
                if (s.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            } catch (java.nio.file.NoSuchFileException ignored) {
                // nothing was there
            }
        }
    }
}
