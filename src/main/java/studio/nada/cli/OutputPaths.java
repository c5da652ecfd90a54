package studio.nada.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Checks on what a command writes: never an empty path, never silently over earlier work. */
final class OutputPaths {
    private OutputPaths() {}

    /** An empty path means the current directory, which nobody means to fill with outputs. */
    static Path required(String flag, Path p) {
        if (p != null && p.toString().isBlank()) {
            throw new IllegalArgumentException(flag + " is empty: give a folder, e.g. " + flag + " out/");
        }
        return p;
    }

    /**
     * Refuses, before any work, an output folder that is a file or cannot be written; creates
     * nothing (a command that fails later leaves no empty folder behind).
     */
    static void requireWritableFolder(String flag, Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null || !Files.isDirectory(p)) {
            throw new IllegalArgumentException(flag + " " + dir + ": " + p + " is a file, not a folder");
        }
        try {
            Files.delete(Files.createTempFile(p, ".nada-write-check", ".tmp"));
        } catch (IOException e) {
            throw new IllegalArgumentException(flag + " " + dir + ": cannot write in " + p + " (" + e.getMessage() + ")");
        }
    }

    /** Names (relative to {@code dir}) of the given files that exist. */
    static List<String> existing(Path dir, List<Path> files) {
        List<String> found = new ArrayList<>();
        for (Path f : files) {
            if (Files.exists(f)) {
                found.add(f.startsWith(dir) ? dir.relativize(f).toString() : f.toString());
            }
        }
        return found;
    }

    /** The outputs of a {@code train} run found in {@code dir}: what a new run there would replace. */
    static List<Path> runOutputs(Path dir) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String name : List.of("checkpoint.pt", "generator.pt", "generator.safetensors", "run.json")) {
            if (Files.exists(dir.resolve(name))) {
                found.add(dir.resolve(name));
            }
        }
        Path samples = dir.resolve("samples");
        if (Files.isDirectory(samples)) {
            try (Stream<Path> s = Files.list(samples)) {
                s.filter(p -> p.getFileName().toString().matches("iter_\\d+\\.png|final\\.png")).sorted()
                        .forEach(found::add);
            }
        }
        return found;
    }

    /** "a, b, c and 7 more": a short list for a message. */
    static String shortList(List<String> names) {
        int shown = Math.min(names.size(), 4);
        String list = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? list + " and " + (names.size() - shown) + " more" : list;
    }
}
