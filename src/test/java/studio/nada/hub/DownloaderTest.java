package studio.nada.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.hub.DownloadException.Reason;
import studio.nada.testing.LoopbackServer;
import studio.nada.testing.LoopbackServer.Route;

/**
 * The downloader against a real HTTP server on loopback: progress, resume after a cut, the
 * refusals (404, a web page, a wrong checksum or size, a full disk), cancel, a stalled server,
 * and that nothing but a complete, verified file ever appears where models are looked for.
 */
class DownloaderTest {
    private static final byte[] MODEL = bytes(1_500_000, 7);
    private static final String SHA = sha256(MODEL);

    @TempDir
    Path dir;
    private LoopbackServer server;
    private ModelCache cache;
    private final List<DownloadProgress> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = LoopbackServer.start();
        cache = new ModelCache(dir.resolve("cache"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void downloadsVerifiesAndReportsProgress() throws Exception {
        server.route("/m.pt", Route.file(MODEL).slow(3_000_000));
        CatalogEntry e = entry("m", "/m.pt", SHA, (long) MODEL.length);
        Path file = downloader().download(e, events::add, () -> false);
        assertEquals(cache.fileOf(e), file);
        assertArrayEquals(MODEL, Files.readAllBytes(file));
        assertEquals(ModelCache.State.READY, cache.state(e));
        List<DownloadProgress> during = events.stream().filter(p -> p.phase() == DownloadProgress.Phase.DOWNLOADING
                && p.bytes() < MODEL.length).toList();
        assertTrue(during.size() >= 3, "a half-second download reports progress several times: " + during.size());
        for (int i = 1; i < during.size(); i++) {
            assertTrue(during.get(i).bytes() >= during.get(i - 1).bytes(), "progress never goes back");
        }
        DownloadProgress mid = during.get(during.size() - 1);
        assertEquals(MODEL.length, mid.total());
        assertTrue(mid.bytesPerSecond() > 0 && Double.isFinite(mid.etaSeconds()), "a rate and an ETA: " + mid);
        assertTrue(mid.describe().contains(" of 1.5 MB"), mid.describe());
        assertEquals(DownloadProgress.Phase.DONE, events.get(events.size() - 1).phase());
        assertNoLeftovers(e);
    }

    @Test
    void aCutConnectionIsResumedWithARangeRequest() throws Exception {
        server.route("/m.pt", Route.file(MODEL).cutAfter(600_000, 2));
        CatalogEntry e = entry("m", "/m.pt", null, null);
        Path file = downloader().download(e, events::add, () -> false);
        assertArrayEquals(MODEL, Files.readAllBytes(file));
        List<LoopbackServer.Request> reqs = server.requests("/m.pt");
        assertEquals(3, reqs.size(), "two cuts, two resumes: " + reqs);
        assertEquals(null, reqs.get(0).range());
        // each resume asks for what came after the bytes kept (a reset may drop a few in flight)
        long second = rangeStart(reqs.get(1));
        long third = rangeStart(reqs.get(2));
        assertTrue(second > 0 && second <= 600_000 && third > second && third <= second + 600_000, reqs.toString());
        // no checksum in the catalog: the one seen is kept beside the file
        assertEquals(SHA, Files.readString(file.resolveSibling(file.getFileName() + ".sha256")).trim());
    }

    @Test
    void aDownloadCutTooOftenKeepsItsBytesHiddenAndResumesLater() throws Exception {
        server.route("/m.pt", Route.file(MODEL).cutAfter(300_000, 4));
        CatalogEntry e = entry("m", "/m.pt", SHA, null);
        DownloadException ex = assertThrows(DownloadException.class, () -> downloader().download(e, events::add, () -> false));
        assertEquals(Reason.NETWORK, ex.reason());
        assertTrue(ex.resumable() && ex.getMessage().contains("Download again to resume"), ex.getMessage());
        assertEquals(ModelCache.State.PARTIAL, cache.state(e));
        long kept = cache.partialBytes(e);
        assertTrue(kept > 0 && kept <= 1_200_000, "kept " + kept);
        assertFalse(Files.exists(cache.fileOf(e)), "no half file where models are looked for");
        // a later download (here, or after a restart) continues from the kept bytes
        Path file = downloader().download(e, events::add, () -> false);
        assertArrayEquals(MODEL, Files.readAllBytes(file));
        assertEquals(kept, rangeStart(server.requests("/m.pt").get(4)));
    }

    @Test
    void aServerThatIgnoresRangeStartsOverCleanly() throws Exception {
        server.route("/m.pt", Route.file(MODEL).cutAfter(500_000, 1).ignoringRange());
        Path file = downloader().download(entry("m", "/m.pt", SHA, null), events::add, () -> false);
        assertArrayEquals(MODEL, Files.readAllBytes(file), "a 200 answer to a Range request is written from byte 0");
    }

    @Test
    void aWrongChecksumKeepsNothing() throws IOException {
        server.route("/m.pt", Route.file(MODEL));
        CatalogEntry e = entry("m", "/m.pt", "0".repeat(64), null);
        DownloadException ex = assertThrows(DownloadException.class, () -> downloader().download(e, events::add, () -> false));
        assertEquals(Reason.CHECKSUM_MISMATCH, ex.reason());
        assertTrue(ex.getMessage().contains(SHA) && ex.getMessage().contains("nothing was kept"), ex.getMessage());
        assertEquals(ModelCache.State.MISSING, cache.state(e));
        assertNoLeftovers(e);
    }

    @Test
    void aSizeOtherThanTheCatalogsIsRefusedBeforeDownloading() {
        server.route("/m.pt", Route.file(MODEL));
        CatalogEntry e = entry("m", "/m.pt", null, 1_000_000L);
        DownloadException ex = assertThrows(DownloadException.class, () -> downloader().download(e, events::add, () -> false));
        assertEquals(Reason.SIZE_MISMATCH, ex.reason());
        assertEquals(ModelCache.State.MISSING, cache.state(e));
    }

    @Test
    void notFoundAndWebPagesAndServerErrorsAreToldPlainly() throws IOException {
        server.route("/page", Route.file("<html>confirm</html>".getBytes()).asHtmlPage());
        server.route("/locked", Route.file(MODEL).status(403));
        DownloadException missing = assertThrows(DownloadException.class,
                () -> downloader().download(entry("a", "/nothing.pt", null, null), events::add, () -> false));
        assertEquals(Reason.NOT_FOUND, missing.reason());
        assertTrue(missing.getMessage().contains("HTTP 404"), missing.getMessage());
        DownloadException page = assertThrows(DownloadException.class,
                () -> downloader().download(entry("b", "/page", null, null), events::add, () -> false));
        assertEquals(Reason.NOT_A_MODEL_FILE, page.reason());
        DownloadException locked = assertThrows(DownloadException.class,
                () -> downloader().download(entry("c", "/locked", null, null), events::add, () -> false));
        assertEquals(Reason.HTTP_ERROR, locked.reason());
        assertTrue(locked.getMessage().contains("403") && locked.getMessage().contains("login"), locked.getMessage());
        for (String n : List.of("a", "b", "c")) {
            assertEquals(ModelCache.State.MISSING, cache.state(entry(n, "/x", null, null)));
        }
    }

    @Test
    void noServerListeningIsANetworkError() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort(); // free now, closed below: nothing listens there
        }
        CatalogEntry e = new CatalogEntry("m", null, CatalogEntry.Kind.GENERATOR, null,
                "http://127.0.0.1:" + port + "/m.pt", null, null, null, null, null, null, null, null, null);
        DownloadException ex = assertThrows(DownloadException.class, () -> downloader().download(e, events::add, () -> false));
        assertEquals(Reason.NETWORK, ex.reason());
        assertTrue(ex.getMessage().contains("could not connect"), ex.getMessage());
    }

    @Test
    void aDiskWithoutRoomIsToldBeforeAnyByteIsWritten() {
        server.route("/m.pt", Route.file(MODEL));
        Downloader small = new Downloader(cache, Duration.ofSeconds(30), f -> 1_000_000);
        DownloadException ex = assertThrows(DownloadException.class,
                () -> small.download(entry("m", "/m.pt", null, null), events::add, () -> false));
        assertEquals(Reason.DISK_FULL, ex.reason());
        assertTrue(ex.getMessage().contains("1.5 MB") && ex.getMessage().contains(ModelCache.ENV), ex.getMessage());
        assertTrue(server.requests("/m.pt").size() <= 1);
        assertFalse(Files.exists(cache.fileOf(entry("m", "/m.pt", null, null))));
    }

    @Test
    void cancelStopsAndKeepsTheBytesForAResume() throws Exception {
        server.route("/m.pt", Route.file(MODEL).slow(1_000_000));
        CatalogEntry e = entry("m", "/m.pt", SHA, null);
        AtomicBoolean cancel = new AtomicBoolean();
        DownloadException ex = assertThrows(DownloadException.class, () -> downloader().download(e, p -> {
            if (p.bytes() > 200_000) {
                cancel.set(true);
            }
        }, cancel::get));
        assertEquals(Reason.CANCELLED, ex.reason());
        assertEquals(ModelCache.State.PARTIAL, cache.state(e));
        long kept = cache.partialBytes(e);
        assertTrue(kept > 200_000 && kept < MODEL.length, "kept " + kept);
        server.route("/m.pt", Route.file(MODEL));
        assertArrayEquals(MODEL, Files.readAllBytes(downloader().download(e, events::add, () -> false)));
        assertEquals("bytes=" + kept + "-", server.requests("/m.pt").get(1).range());
    }

    @Test
    void aSilentServerIsGivenUpOnAfterTheStallTimeout() {
        server.route("/m.pt", Route.file(MODEL).stallAfter(100_000));
        Downloader impatient = new Downloader(cache, Duration.ofMillis(600), f -> Long.MAX_VALUE);
        CatalogEntry e = entry("m", "/m.pt", SHA, null);
        DownloadException ex = assertThrows(DownloadException.class, () -> impatient.download(e, events::add, () -> false));
        assertEquals(Reason.STALLED, ex.reason());
        assertEquals(ModelCache.State.PARTIAL, cache.state(e));
    }

    @Test
    void twoDownloadsOfOneModelAtOnceAreRefused() throws Exception {
        server.route("/m.pt", Route.file(MODEL).slow(1_000_000));
        CatalogEntry e = entry("m", "/m.pt", SHA, null);
        Thread first = new Thread(() -> {
            try {
                downloader().download(e, p -> {}, () -> false);
            } catch (DownloadException ignored) {
                // checked below
            }
        });
        first.start();
        while (cache.partialBytes(e) == 0) {
            Thread.sleep(10);
        }
        DownloadException ex = assertThrows(DownloadException.class, () -> downloader().download(e, p -> {}, () -> false));
        assertEquals(Reason.BUSY, ex.reason());
        first.join();
        assertArrayEquals(MODEL, Files.readAllBytes(cache.fileOf(e)));
    }

    @Test
    void theFinishedFileAppearsOnlyWholeAndVerified() throws Exception {
        server.route("/m.pt", Route.file(MODEL).slow(4_000_000).cutAfter(700_000, 1));
        CatalogEntry e = entry("m", "/m.pt", SHA, null);
        Path target = cache.fileOf(e);
        List<Long> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                try {
                    if (Files.exists(target)) {
                        seen.add(Files.size(target));
                    }
                } catch (IOException ignored) {
                    // moved in between: look again
                }
            }
        });
        watcher.start();
        downloader().download(e, events::add, () -> false);
        done.set(true);
        watcher.join();
        assertTrue(seen.stream().allMatch(s -> s == MODEL.length), "only the whole file is ever visible: " + seen.stream()
                .distinct().toList());
    }

    private Downloader downloader() {
        return new Downloader(cache, Duration.ofSeconds(30), f -> Long.MAX_VALUE);
    }

    private CatalogEntry entry(String name, String path, String sha, Long size) {
        return new CatalogEntry(name, null, CatalogEntry.Kind.GENERATOR, null, server.url(path), "model.pt", size, sha,
                null, null, null, null, null, null);
    }

    private void assertNoLeftovers(CatalogEntry e) throws IOException {
        Path partial = cache.root().resolve("partial");
        if (Files.isDirectory(partial)) {
            try (Stream<Path> s = Files.list(partial)) {
                assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".lock")).toList());
            }
        }
        Path models = cache.root().resolve("models").resolve(e.name());
        if (Files.isDirectory(models)) {
            try (Stream<Path> s = Files.list(models)) {
                assertTrue(s.allMatch(p -> p.getFileName().toString().equals(e.fileName())
                        || p.getFileName().toString().equals(e.fileName() + ".sha256")), "only the model itself");
            }
        }
    }

    private static long rangeStart(LoopbackServer.Request r) {
        assertTrue(r.range() != null && r.range().startsWith("bytes=") && r.range().endsWith("-"), r.toString());
        return Long.parseLong(r.range().substring(6, r.range().length() - 1));
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
