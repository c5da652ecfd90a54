package studio.nada.export;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * An export's files are written into a hidden folder inside the destination and moved into place
 * only when every one of them is complete: a full disk, a cancel or a crash leaves no partial set
 * (and, after a crash, only the hidden folder, which the next export clears). Files already in
 * the destination are never replaced unless asked.
 */
public final class StagedFolder implements AutoCloseable {
    private static final String PREFIX = ".export-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path out;
    private final Path staging;
    private final List<String> names = new ArrayList<>();
    private boolean committed;

    private StagedFolder(Path out, Path staging) {
        this.out = out;
        this.staging = staging;
    }

    /** Opens a staging folder in {@code out} (created if needed), with a clear message when it cannot be. */
    public static StagedFolder open(Path out) throws IOException {
        Path abs = out.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IOException(abs + " is a file, not a folder: choose a folder to export into");
        }
        try {
            Files.createDirectories(abs);
            removeStale(abs);
            Path staging = abs.resolve(PREFIX + Long.toHexString(RANDOM.nextLong()) + ".tmp");
            Files.createDirectory(staging);
            return new StagedFolder(abs, staging);
        } catch (java.nio.file.FileSystemException e) { // access denied, read-only, no space
            throw new IOException("cannot write into " + abs + " (" + reason(e) + "): choose another folder", e);
        }
    }

    /** Where a file of the set is written before the commit. */
    public Path file(String name) {
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        names.add(name);
        return staging.resolve(name);
    }

    /** The staged files so far, by name. */
    public Map<String, Path> staged() {
        Map<String, Path> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, staging.resolve(n)));
        return out;
    }

    public Path destination() {
        return out;
    }

    /** The files of the set that already exist in the destination. */
    public static List<String> clashes(Path out, List<String> names) {
        return names.stream().filter(n -> Files.exists(out.resolve(n))).toList();
    }

    /** Moves every staged file into the destination (replacing only with {@code overwrite}). */
    public List<Path> commit(boolean overwrite) throws IOException {
        List<String> clash = clashes(out, names);
        if (!overwrite && !clash.isEmpty()) {
            throw new FileAlreadyExistsException(out + " already holds " + clash.get(0)
                    + (clash.size() > 1 ? " and " + (clash.size() - 1) + " more" : "") + ": nothing was replaced");
        }
        List<Path> done = new ArrayList<>();
        for (String n : names) {
            Path target = out.resolve(n);
            Files.move(staging.resolve(n), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done.add(target);
        }
        committed = true;
        close();
        return done;
    }

    /** Deletes what is still staged (everything, unless committed). */
    @Override
    public void close() throws IOException {
        deleteTree(staging);
    }

    public boolean committed() {
        return committed;
    }

    /** A staging folder left by a killed export is no one's: delete it. */
    private static void removeStale(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                if (Files.getLastModifiedTime(p).toMillis() < System.currentTimeMillis() - 3_600_000L) {
                    deleteTree(p); // an hour old: not an export running right now
                }
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String r = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : m;
        return r.toLowerCase(Locale.ROOT).contains("space") ? "the disk is full" : r;
    }
}
