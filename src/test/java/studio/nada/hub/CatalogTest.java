package studio.nada.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in catalog is complete and valid; a user's catalog that lies or attacks is refused. */
class CatalogTest {
    @TempDir
    Path dir;

    @Test
    void theBuiltInCatalogNamesTheRealModels() throws IOException {
        Catalog c = Catalog.load(new ModelCache(dir));
        Set<String> names = c.entries().stream().map(CatalogEntry::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(List.of("stylegan2-ffhq-1024", "stylegan2-afhq-cat-512", "stylegan2-afhq-dog-512",
                "stylegan2-church-256", "stylegan2-car-512", "nada-ffhq-sketch", "nada-ffhq-pixar", "nada-ffhq-ukiyoe",
                "nada-ffhq-joker", "nada-ffhq-anime", "clip-vit-b-32", "clip-vit-b-16", "clip-vit-b-32-hf",
                "clip-vit-b-16-hf")), names.toString());
        for (CatalogEntry e : c.entries()) {
            assertTrue(e.url().startsWith("https://"), e.name() + " downloads over https");
            if (e.kind() == CatalogEntry.Kind.GENERATOR) {
                assertTrue(e.resolution() != null, e.name() + " says its resolution");
                assertFalse(c.domain(e.domain()).suggestions().isEmpty(), e.name() + "'s domain has prompts");
            }
            if (e.base() != null) {
                assertTrue(c.find(e.base()).isPresent(), e.name() + "'s base is in the catalog");
            }
        }
        // OpenAI's addresses carry the file's sha256: the catalog checks against it
        CatalogEntry b32 = c.find("ViT-B/32").orElseThrow();
        assertTrue(b32.url().contains("/" + b32.sha256() + "/"), b32.url());
        assertEquals("clip-vit-b-16", c.find("vit-b/16").orElseThrow().name(), "aliases are case-insensitive");
        assertEquals("photo of a cat", c.domain("cats").source());
        assertEquals("photo", c.domain("unknown-domain").source(), "a domain without prompts gets the paper's");
    }

    @Test
    void userEntriesAreSavedAtomicallyAndComeBack() throws IOException {
        ModelCache cache = new ModelCache(dir);
        Path mine = Files.writeString(dir.resolve("g.pt"), "x");
        ModelHub hub = new ModelHub(cache);
        hub.addLocal("my-gen", CatalogEntry.Kind.GENERATOR, mine, "cats");
        Catalog again = Catalog.load(cache);
        CatalogEntry e = again.find("my-gen").orElseThrow();
        assertEquals(mine.toAbsolutePath(), e.local());
        assertEquals(ModelCache.State.READY, cache.state(e));
        assertEquals(mine.toAbsolutePath(), hub.resolve("my-gen", CatalogEntry.Kind.GENERATOR));
        assertThrows(IllegalArgumentException.class, () -> hub.addLocal("clip-vit-b-32", CatalogEntry.Kind.CLIP, mine, null),
                "a built-in name cannot be taken");
        try (var s = Files.list(dir)) {
            assertEquals(Set.of("g.pt", "catalog.json"), s.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @Test
    void hostileOrBrokenUserCatalogsAreRefusedWithTheReason() throws IOException {
        ModelCache cache = new ModelCache(dir);
        String[][] cases = {
            {"{\"models\":[{\"name\":\"x\",\"kind\":\"generator\",\"url\":\"https://h/x\",\"fileName\":\"../../.bashrc\"}]}",
                "plain file name"},
            {"{\"models\":[{\"name\":\"x\",\"kind\":\"generator\",\"url\":\"file:///etc/passwd\"}]}", "http or https"},
            {"{\"models\":[{\"name\":\"../x\",\"kind\":\"generator\",\"url\":\"https://h/x\"}]}", "must be 1-64"},
            {"{\"models\":[{\"name\":\"x\",\"kind\":\"virus\",\"url\":\"https://h/x\"}]}", "not generator or clip"},
            {"{\"models\":[{\"name\":\"x\",\"kind\":\"clip\",\"url\":\"https://h/x\",\"sha256\":\"abc\"}]}", "64 hex"},
            {"{\"models\":[{\"name\":\"x\",\"kind\":\"clip\",\"url\":\"https://h/x\",\"size\":-5}]}", "between 1 byte"},
            {"{\"models\":[{\"name\":\"clip-vit-b-32\",\"kind\":\"clip\",\"url\":\"https://evil/x\"}]}", "built-in model's name"},
            {"{\"models\":[{\"name\":\"x\",\"kind\":\"clip\",\"url\":\"https://h/x\"},"
                + "{\"name\":\"x\",\"kind\":\"clip\",\"url\":\"https://h/y\"}]}", "used twice"},
            {"{\"models\": 5}", "not valid"},
            {"[1, 2", "not valid"},
        };
        for (String[] c : cases) {
            Files.writeString(cache.userCatalog(), c[0]);
            IOException e = assertThrows(IOException.class, () -> Catalog.load(cache), c[0]);
            assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains("catalog.json"), c[0] + " → " + e.getMessage());
        }
    }

    @Test
    void onlyTheUsersOwnCatalogMayNameLocalFiles() {
        CatalogEntry e = new CatalogEntry("m", null, CatalogEntry.Kind.CLIP, null, "https://h/m.pt", null, null, null,
                null, "12:8", null, List.of("M"), null, null);
        assertEquals("m.pt", e.fileName(), "the file name comes from the address");
        assertEquals(12, e.heads()[0]);
        assertTrue(e.isNamed("m") && e.isNamed("M"));
        assertThrows(IllegalArgumentException.class, () -> new CatalogEntry("m", null, CatalogEntry.Kind.CLIP, null,
                null, null, null, null, null, null, null, null, null, null), "neither an address nor a file");
    }
}
