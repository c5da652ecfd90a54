package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.hub.Catalog;
import studio.nada.hub.CatalogEntry;
import studio.nada.hub.ModelCache;
import studio.nada.testing.Cli;
import studio.nada.testing.LoopbackServer;
import studio.nada.testing.LoopbackServer.Route;

/**
 * {@code models} end to end against a loopback server standing in for the model host: a catalog
 * entry downloads, verified, into the cache the {@code nada.cache} property names; {@code models
 * path} finds it; {@code train --generator NAME} and {@code generate --checkpoint NAME} use it.
 */
class ModelsCommandTest {
    @TempDir
    Path dir;
    private LoopbackServer server;
    private String previousCache;
    private byte[] generator;

    @BeforeEach
    void setUp() throws Exception {
        previousCache = System.getProperty(ModelCache.PROPERTY);
        System.setProperty(ModelCache.PROPERTY, dir.resolve("cache").toString());
        try (InputStream in = getClass().getResourceAsStream("/studio/nada/toyworld/shapes_generator.pt")) {
            generator = in.readAllBytes();
        }
        server = LoopbackServer.start();
        server.route("/shapes.pt", Route.file(generator).cutAfter(400_000, 1));
        Catalog.load(ModelCache.standard()).withUserEntry(new CatalogEntry("shapes-net", "Shapes generator, served",
                CatalogEntry.Kind.GENERATOR, "shapes", server.url("/shapes.pt"), "shapes.pt", (long) generator.length,
                sha256(generator), 64, null, null, null, null, null));
    }

    @AfterEach
    void tearDown() {
        server.close();
        if (previousCache == null) {
            System.clearProperty(ModelCache.PROPERTY);
        } else {
            System.setProperty(ModelCache.PROPERTY, previousCache);
        }
    }

    @Test
    void downloadThenUseByName() throws Exception {
        Cli.Run missing = Cli.run("models", "path", "shapes-net");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("not downloaded yet") && missing.err().contains("models download shapes-net"),
                missing.err());

        Cli.Run list = Cli.run("models", "list");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("stylegan2-ffhq-1024") && list.out().contains("clip-vit-b-32"), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("shapes-net") && l.contains("missing")), list.out());

        Cli.Run got = Cli.run("models", "download", "shapes-net");
        assertEquals(0, got.code(), got.err());
        Path file = dir.resolve("cache/models/shapes-net/shapes.pt");
        assertEquals(file.toString(), got.out().trim());
        assertArrayEquals(generator, Files.readAllBytes(file), "resumed after the cut, verified");
        assertTrue(got.err().contains("verifying sha256"), got.err());
        assertEquals(2, server.requests("/shapes.pt").size(), "one cut, one resume");

        assertEquals(file.toString(), Cli.run("models", "path", "shapes-net").out().trim());
        assertTrue(Cli.run("models", "list").out().lines().anyMatch(l -> l.startsWith("shapes-net") && l.contains("ready")));

        Cli.Run train = Cli.run("train", "--generator", "shapes-net", "--source", "red shape", "--target", "blue shape",
                "--iterations", "2", "--sample-every", "0", "--out", dir.resolve("run").toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(Files.isRegularFile(dir.resolve("run/generator.pt")));
        assertTrue(Files.readString(dir.resolve("run/run.json")).contains("shapes.pt"), "the run names the file it adapted");

        Cli.Run gen = Cli.run("generate", "--checkpoint", "shapes-net", "--seeds", "0-1", "--out",
                dir.resolve("gen").toString());
        assertEquals(0, gen.code(), gen.err());
    }

    @Test
    void namesThatAreNotModelsOrNotGeneratorsAreToldPlainly() {
        Cli.Run unknown = Cli.run("train", "--generator", "no-such-model", "--source", "a", "--target", "b", "--out",
                dir.resolve("r").toString());
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("neither a file nor a model in the catalog"), unknown.err());
        Cli.Run clipAsGenerator = Cli.run("generate", "--checkpoint", "ViT-B/32", "--seeds", "0", "--out",
                dir.resolve("g").toString());
        assertEquals(1, clipAsGenerator.code());
        assertTrue(clipAsGenerator.err().contains("is a CLIP in the catalog, not a generator"), clipAsGenerator.err());
        Cli.Run clipMissing = Cli.run("train", "--clip", "ViT-B/32", "--source", "a", "--target", "b", "--out",
                dir.resolve("r2").toString());
        assertEquals(1, clipMissing.code());
        assertTrue(clipMissing.err().contains("clip-vit-b-32 is in the catalog but not downloaded yet"), clipMissing.err());
        assertTrue(Files.notExists(dir.resolve("r2")) || isEmpty(dir.resolve("r2")), "a refused run leaves nothing");
    }

    @Test
    void addAndRemoveYourOwnFile() throws IOException {
        Path mine = dir.resolve("mine.pt");
        Files.write(mine, generator);
        Cli.Run add = Cli.run("models", "add", "my-gen", "--file", mine.toString(), "--kind", "generator");
        assertEquals(0, add.code(), add.err());
        assertEquals(mine.toString(), Cli.run("models", "path", "my-gen").out().trim());
        assertEquals(1, Cli.run("models", "add", "my-gen", "--file", mine.toString(), "--kind", "generator").code());
        assertEquals(0, Cli.run("models", "remove", "my-gen").code());
        assertTrue(Files.isRegularFile(mine), "your own file is never deleted");
        assertEquals(1, Cli.run("models", "path", "my-gen").code());
    }

    private static boolean isEmpty(Path d) {
        try (var s = Files.list(d)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
