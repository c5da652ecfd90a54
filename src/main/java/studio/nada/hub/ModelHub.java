package studio.nada.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * The one door to models by name, for the command line and the studio: the catalog, the cache it
 * downloads into, and the rule that turns what a user typed (a file or a catalog name) into a file.
 */
public final class ModelHub {
    private final ModelCache cache;
    private volatile Catalog catalog;

    public ModelHub(ModelCache cache) throws IOException {
        this.cache = cache;
        this.catalog = Catalog.load(cache);
    }

    private ModelHub(ModelCache cache, Catalog catalog) {
        this.cache = cache;
        this.catalog = catalog;
    }

    /**
     * A hub on {@code cache} with only the built-in catalog ({@link Catalog#builtIn()}), for when
     * the user's catalog file there cannot be read: downloads work, adding entries is refused.
     */
    public static ModelHub withBuiltInCatalog(ModelCache cache) throws IOException {
        return new ModelHub(cache, Catalog.builtIn());
    }

    /** The user's configured cache ({@link ModelCache#standard()}). */
    public static ModelHub standard() throws IOException {
        return new ModelHub(ModelCache.standard());
    }

    public ModelCache cache() {
        return cache;
    }

    public Catalog catalog() {
        return catalog;
    }

    /**
     * The file {@code text} stands for: an existing file as given, else the downloaded file of the
     * catalog model of that name (or alias). Says what to do when it is neither.
     */
    public Path resolve(String text, CatalogEntry.Kind kind) {
        try {
            Path p = Path.of(text);
            if (Files.exists(p)) {
                return p;
            }
        } catch (InvalidPathException ignored) {
            // not a path on this system: maybe a name
        }
        CatalogEntry e = catalog.find(text).orElseThrow(() -> new IllegalArgumentException("'" + text
                + "' is neither a file nor a model in the catalog (`nada-studio models list` shows the names)"));
        if (e.kind() != kind) {
            throw new IllegalArgumentException("'" + text + "' is a " + e.kind().label() + " in the catalog, not a "
                    + kind.label());
        }
        if (cache.state(e) != ModelCache.State.READY) {
            if (e.local() != null) {
                throw new IllegalArgumentException(e.name() + " was your file " + e.local() + ", which is no longer there");
            }
            throw new IllegalArgumentException(e.name() + " is in the catalog but not downloaded yet: run `nada-studio"
                    + " models download " + e.name() + "`" + (e.size() == null ? "" : " (" + Bytes.human(e.size()) + ")"));
        }
        return cache.fileOf(e);
    }

    /** Downloads {@code e} into the cache (see {@link Downloader}). */
    public Path download(CatalogEntry e, java.util.function.Consumer<DownloadProgress> progress,
            BooleanSupplier cancelled) throws DownloadException {
        return new Downloader(cache).download(e, progress, cancelled);
    }

    /**
     * Registers a file the user already has as a catalog entry of their own; with a {@code
     * sha256}, the file must match it. The file stays where it is.
     */
    public CatalogEntry addLocal(String name, CatalogEntry.Kind kind, Path file, String domain) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file");
        }
        CatalogEntry e = new CatalogEntry(name, null, kind, domain, null, null, null, null, null, null, null, null,
                null, file);
        catalog = catalog.withUserEntry(e);
        return e;
    }

    /**
     * Points the catalog model {@code e} at a file the user downloaded by other means ("Open
     * file…"): checked against the entry's sha256 when it has one, then copied into the cache.
     */
    public Path adopt(CatalogEntry e, Path file, BooleanSupplier cancelled) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file");
        }
        if (e.sha256() != null) {
            String sha = Checksums.sha256(file, cancelled);
            if (!sha.equals(e.sha256())) {
                throw new DownloadException(DownloadException.Reason.CHECKSUM_MISMATCH, file + " is not " + e.name()
                        + ": its sha256 is " + sha + ", the catalog's is " + e.sha256());
            }
        }
        Path target = cache.fileOf(e);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".adopt.tmp");
        try {
            Files.copy(file, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /**
     * Deletes a downloaded model, or forgets a file of the user's own (never deleting it). An entry
     * of the user's with an address (another server) stays in the catalog, as built-in ones do.
     */
    public void remove(CatalogEntry e) throws IOException {
        cache.remove(e);
        if (e.local() != null && catalog.userEntries().stream().anyMatch(u -> u.name().equals(e.name()))) {
            catalog = catalog.withoutUserEntry(e.name());
        }
    }
}
