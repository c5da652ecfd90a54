package studio.nada.hub;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One model the studio can fetch or open: a generator or a CLIP model, where it comes from, how
 * big it is and its sha256 where known. {@code local} is a file the user registered instead of a
 * download (its own path; the studio never moves or deletes it). Validated on construction, so a
 * hostile catalog file cannot name a path outside the cache or a non-HTTP address.
 */
public record CatalogEntry(String name, String title, Kind kind, String domain, String url, String fileName,
        Long size, String sha256, Integer resolution, String clipHeads, String base, List<String> aliases,
        String note, Path local) {

    /** What the file is. */
    public enum Kind {
        GENERATOR, CLIP;

        public String label() {
            return this == GENERATOR ? "generator" : "CLIP";
        }

        public static Kind parse(String s) {
            if (s == null) {
                throw new IllegalArgumentException("model kind is missing: use generator or clip");
            }
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "generator" -> GENERATOR;
                case "clip" -> CLIP;
                default -> throw new IllegalArgumentException("model kind '" + s + "' is not generator or clip");
            };
        }
    }

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HEADS = Pattern.compile("[1-9][0-9]{0,2}:[1-9][0-9]{0,2}");
    static final long MAX_SIZE = 64L << 30; // 64 GiB: no real checkpoint is larger

    public CatalogEntry {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("model name '" + name + "' must be 1-64 of a-z 0-9 . _ -, starting"
                    + " with a letter or digit");
        }
        if (kind == null) {
            throw new IllegalArgumentException(name + ": kind is missing (generator or clip)");
        }
        title = title == null || title.isBlank() ? name : limit(name, "title", title.strip(), 200);
        domain = domain == null || domain.isBlank() ? "any" : limit(name, "domain", domain.strip(), 40);
        note = note == null ? null : limit(name, "note", note.strip(), 500);
        if (url == null && local == null) {
            throw new IllegalArgumentException(name + ": needs a url or a local file");
        }
        if (url != null) {
            URI u;
            try {
                u = new URI(url);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(name + ": url '" + url + "' is not a valid address");
            }
            if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException(name + ": url must be http or https with a host, got '" + url + "'");
            }
        }
        if (fileName == null) {
            fileName = local != null ? local.getFileName().toString() : lastSegment(url);
        }
        if (!FILE.matcher(fileName).matches()) {
            throw new IllegalArgumentException(name + ": file name '" + fileName + "' must be a plain file name");
        }
        if (size != null && (size <= 0 || size > MAX_SIZE)) {
            throw new IllegalArgumentException(name + ": size " + size + " is not between 1 byte and 64 GiB");
        }
        if (sha256 != null) {
            sha256 = sha256.toLowerCase(Locale.ROOT);
            if (!SHA.matcher(sha256).matches()) {
                throw new IllegalArgumentException(name + ": sha256 must be 64 hex digits");
            }
        }
        if (resolution != null && (resolution < 4 || resolution > 4096 || Integer.bitCount(resolution) != 1)) {
            throw new IllegalArgumentException(name + ": resolution " + resolution + " is not a power of two in 4-4096");
        }
        if (clipHeads != null && !HEADS.matcher(clipHeads).matches()) {
            throw new IllegalArgumentException(name + ": clipHeads must be VISION:TEXT, e.g. 12:8");
        }
        if (base != null && !NAME.matcher(base).matches()) {
            throw new IllegalArgumentException(name + ": base '" + base + "' is not a model name");
        }
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        if (aliases.size() > 8 || aliases.stream().anyMatch(a -> a == null || a.isBlank() || a.length() > 64)) {
            throw new IllegalArgumentException(name + ": at most 8 aliases of 1-64 characters");
        }
        if (local != null) {
            local = local.toAbsolutePath().normalize();
        }
    }

    /** Whether {@code text} names this entry (its name or an alias, case-insensitive). */
    public boolean isNamed(String text) {
        String t = text.trim();
        return name.equalsIgnoreCase(t) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(t));
    }

    /** Vision and text attention heads, or {0, 0} for OpenAI's width / 64. */
    public int[] heads() {
        if (clipHeads == null) {
            return new int[] {0, 0};
        }
        String[] p = clipHeads.split(":");
        return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
    }

    /** The same entry pointing at a file the user has (for "Open file…"). */
    public CatalogEntry withLocal(Path file) {
        return new CatalogEntry(name, title, kind, domain, url, fileName, size, sha256, resolution, clipHeads, base,
                aliases, note, file);
    }

    private static String lastSegment(String url) {
        String path = URI.create(url).getPath();
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return last.isEmpty() ? "model.pt" : last;
    }

    private static String limit(String name, String what, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(name + ": " + what + " is longer than " + max + " characters");
        }
        return value;
    }
}
