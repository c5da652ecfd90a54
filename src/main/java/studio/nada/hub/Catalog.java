package studio.nada.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import studio.nada.nada.RecommendedSettings;
import studio.nada.weights.AtomicFiles;

/**
 * The models the studio knows by name: the built-in catalog (a resource of real generators and
 * CLIP models with their download addresses) and the user's own entries in the cache folder
 * (files they opened, extra servers), which come after the built-in ones and may not reuse their
 * names. Each domain (faces, cats, …) carries the prompts that fit what its generators draw.
 */
public final class Catalog {
    static final String RESOURCE = "/studio/nada/hub/catalog.json";
    private static final int MAX_BYTES = 1 << 20;
    private static final int MAX_ENTRIES = 1000;

    static final JsonMapper JSON = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** The prompts of a domain: the studio's default pair and its suggestions. */
    public record Domain(String source, String target, List<RecommendedSettings.Prompt> suggestions) {}

    /** File layout; {@code local} only in the user's catalog. */
    record EntryDoc(String name, String title, String kind, String domain, String url, String fileName, Long size,
            String sha256, Integer resolution, String clipHeads, String base, List<String> aliases, String note,
            String local) {}

    record Doc(Integer version, Map<String, Domain> domains, List<EntryDoc> models) {}

    private final List<CatalogEntry> builtIn;
    private final List<CatalogEntry> user;
    private final Map<String, Domain> domains;
    private final Path userFile;

    private Catalog(List<CatalogEntry> builtIn, List<CatalogEntry> user, Map<String, Domain> domains, Path userFile) {
        this.builtIn = List.copyOf(builtIn);
        this.user = List.copyOf(user);
        this.domains = Map.copyOf(domains);
        this.userFile = userFile;
    }

    /** The built-in catalog plus the user's entries of {@code cache}. */
    public static Catalog load(ModelCache cache) throws IOException {
        Catalog shipped = builtIn();
        List<CatalogEntry> builtIn = shipped.builtIn;
        Map<String, Domain> domains = shipped.domains;
        Path file = cache.userCatalog();
        List<CatalogEntry> user = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException(file + ": larger than 1 MiB, not a catalog");
            }
            Doc mine = parse(Files.readAllBytes(file), file.toString());
            user.addAll(entries(mine, file.toString(), true));
            for (CatalogEntry e : user) {
                if (builtIn.stream().anyMatch(b -> b.name().equals(e.name()))) {
                    throw new IOException(file + ": '" + e.name() + "' is a built-in model's name; choose another");
                }
            }
        }
        return new Catalog(builtIn, user, domains, file);
    }

    /**
     * Only the built-in catalog, for when the user's own file cannot be read: the models it lists
     * still download and open, but adding to it is refused, so the unreadable file is never
     * overwritten (the user may want to repair it).
     */
    public static Catalog builtIn() throws IOException {
        Doc shipped;
        try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the built-in model catalog is missing from the jar");
            }
            shipped = parse(in.readAllBytes(), "built-in catalog");
        }
        return new Catalog(entries(shipped, "built-in catalog", false), List.of(),
                shipped.domains() == null ? Map.of() : shipped.domains(), null);
    }

    /** Every entry, built-in first. */
    public List<CatalogEntry> entries() {
        List<CatalogEntry> all = new ArrayList<>(builtIn);
        all.addAll(user);
        return all;
    }

    public List<CatalogEntry> userEntries() {
        return user;
    }

    /** The entry named (or aliased) {@code text}. */
    public Optional<CatalogEntry> find(String text) {
        return entries().stream().filter(e -> e.isNamed(text)).findFirst();
    }

    /** The prompts for {@code domain}, or the paper's photo → sketch where the catalog has none. */
    public Domain domain(String domain) {
        Domain d = domains.get(domain);
        if (d != null) {
            return d;
        }
        RecommendedSettings p = RecommendedSettings.paperDefaults();
        return new Domain(p.source(), p.target(), p.suggestions());
    }

    /** This catalog with {@code entry} added to (or replacing the same name in) the user's entries, saved. */
    public Catalog withUserEntry(CatalogEntry entry) throws IOException {
        if (builtIn.stream().anyMatch(b -> b.name().equals(entry.name()))) {
            throw new IllegalArgumentException("'" + entry.name() + "' is a built-in model's name; choose another");
        }
        List<CatalogEntry> next = new ArrayList<>(user);
        next.removeIf(e -> e.name().equals(entry.name()));
        next.add(entry);
        save(next);
        return new Catalog(builtIn, next, domains, userFile);
    }

    /** This catalog without the user's entry {@code name}, saved. Built-in entries cannot be removed. */
    public Catalog withoutUserEntry(String name) throws IOException {
        List<CatalogEntry> next = new ArrayList<>(user);
        if (!next.removeIf(e -> e.name().equals(name))) {
            throw new IllegalArgumentException("'" + name + "' is not one of your own catalog entries");
        }
        save(next);
        return new Catalog(builtIn, next, domains, userFile);
    }

    private void save(List<CatalogEntry> entries) throws IOException {
        if (userFile == null) {
            throw new IOException("your own model catalog could not be read, so it is left as it is: repair or"
                    + " delete it, then try again");
        }
        List<EntryDoc> docs = entries.stream().map(e -> new EntryDoc(e.name(), e.title(),
                e.kind().name().toLowerCase(java.util.Locale.ROOT), e.domain(), e.url(), e.fileName(), e.size(),
                e.sha256(), e.resolution(), e.clipHeads(), e.base(), e.aliases().isEmpty() ? null : e.aliases(),
                e.note(), e.local() == null ? null : e.local().toString())).toList();
        byte[] bytes = JSON.writeValueAsBytes(new Doc(1, null, docs));
        AtomicFiles.write(userFile, out -> out.write(bytes));
    }

    private static Doc parse(byte[] bytes, String where) throws IOException {
        if (bytes.length > MAX_BYTES) {
            throw new IOException(where + ": larger than 1 MiB, not a catalog");
        }
        try {
            Doc d = JSON.readValue(new String(bytes, StandardCharsets.UTF_8), Doc.class);
            if (d == null || d.models() == null) {
                throw new IOException(where + ": not a model catalog (no \"models\" list)");
            }
            if (d.models().size() > MAX_ENTRIES) {
                throw new IOException(where + ": more than " + MAX_ENTRIES + " models");
            }
            return d;
        } catch (JsonProcessingException e) {
            throw new IOException(where + " is not valid: " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static List<CatalogEntry> entries(Doc doc, String where, boolean allowLocal) throws IOException {
        Map<String, CatalogEntry> byName = new LinkedHashMap<>();
        for (EntryDoc d : doc.models()) {
            if (d == null) {
                throw new IOException(where + ": a model entry is null");
            }
            if (d.local() != null && !allowLocal) {
                throw new IOException(where + ": '" + d.name() + "' names a local file; only your own catalog may");
            }
            CatalogEntry e;
            try {
                e = new CatalogEntry(d.name(), d.title(), CatalogEntry.Kind.parse(d.kind()), d.domain(), d.url(),
                        d.fileName(), d.size(), d.sha256(), d.resolution(), d.clipHeads(), d.base(), d.aliases(),
                        d.note(), d.local() == null ? null : Path.of(d.local()));
            } catch (IllegalArgumentException ex) { // InvalidPathException too
                throw new IOException(where + ": " + ex.getMessage(), ex);
            }
            if (byName.put(e.name(), e) != null) {
                throw new IOException(where + ": the name '" + e.name() + "' is used twice");
            }
        }
        return new ArrayList<>(byName.values());
    }
}
