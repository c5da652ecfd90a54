package studio.nada.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.engine.TensorThread;
import studio.nada.hub.Catalog;
import studio.nada.hub.CatalogEntry;
import studio.nada.hub.ModelCache;
import studio.nada.hub.ModelHub;
import studio.nada.testing.Fixtures;
import studio.nada.testing.LoopbackServer;
import studio.nada.testing.LoopbackServer.Route;
import studio.nada.ui.service.HubLoader;
import studio.nada.ui.service.TrainingService;
import studio.nada.ui.viewmodel.ModelRow.State;

/**
 * The model manager's view model against a real HTTP server on loopback and a temporary cache.
 * Its "FX thread" is a single thread of the test's own: every property change must arrive there,
 * never on the download threads.
 */
class ModelManagerViewModelTest {
    private static final String FX_THREAD = "fake-fx";
    @TempDir
    Path dir;
    private LoopbackServer server;
    private ExecutorService fx;
    private ExecutorService background;
    private final Set<String> backgroundThreads = ConcurrentHashMap.newKeySet();
    private TensorThread tensor;
    private TrainingService service;
    private Notices notices;
    private ModelPickerViewModel picker;
    private ModelManagerViewModel vm;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackServer.start();
        fx = Executors.newSingleThreadExecutor(r -> new Thread(r, FX_THREAD));
        background = Executors.newCachedThreadPool(r -> new Thread(() -> {
            backgroundThreads.add(Thread.currentThread().getName());
            r.run();
        }, "test-download"));
        tensor = new TensorThread("manager-test-tensor");
        service = new TrainingService(tensor, fx);
        notices = new Notices();
        picker = onFx(() -> new ModelPickerViewModel(service, List.of(), notices, fx));
    }

    @AfterEach
    void stop() throws Exception {
        if (vm != null) {
            onFx(() -> {
                vm.close();
                return null;
            });
        }
        background.shutdown();
        background.awaitTermination(30, TimeUnit.SECONDS);
        service.close();
        tensor.close();
        fx.shutdown();
        server.close();
    }

    @Test
    void listsTheCatalogWithWhatIsInstalledWithoutAskingTheNetwork() throws Exception {
        ModelHub hub = hub(entry("far-away", CatalogEntry.Kind.GENERATOR, "http://127.0.0.1:9/none.pt", null));
        CatalogEntry clip = hub.catalog().find("clip-vit-b-32").orElseThrow();
        Files.createDirectories(hub.cache().fileOf(clip).getParent());
        Files.write(hub.cache().fileOf(clip), new byte[1500]);
        CatalogEntry church = hub.catalog().find("stylegan2-church-256").orElseThrow();
        Path part = hub.cache().root().resolve("partial").resolve(church.name() + ".part");
        Files.createDirectories(part.getParent());
        Files.write(part, new byte[2000]);
        open(hub);

        assertEquals(hub.catalog().entries().size(), (int) onFx(() -> vm.rows().size()));
        ModelRow ready = row(clip.name());
        assertEquals(State.READY, onFx(ready::state));
        assertEquals("1.5 kB", onFx(() -> ready.sizeProperty().get()), "a file without a catalog size shows its own");
        assertTrue(onFx(() -> ready.detailProperty().get()).contains(hub.cache().fileOf(clip).toString()));
        assertEquals(List.of(ready), onFx(() -> List.copyOf(vm.readyClips())));
        ModelRow partial = row(church.name());
        assertEquals(State.PARTIAL, onFx(partial::state));
        assertTrue(onFx(() -> partial.detailProperty().get()).contains("2.0 kB kept"));
        ModelRow far = row("far-away");
        assertEquals(State.MISSING, onFx(far::state));
        assertEquals(List.of(), onFx(() -> List.copyOf(vm.readyGenerators())));
        assertTrue(server.requests("/none.pt").isEmpty());

        onFx(() -> {
            vm.selection().rowProperty().set(far);
            return null;
        });
        assertEquals(List.of(true, false, true, false), buttons(), "download, cancel, open file, remove");
        onFx(() -> {
            vm.selection().rowProperty().set(ready);
            return null;
        });
        assertEquals(List.of(false, false, true, true), buttons());
    }

    @Test
    void downloadsInTheBackgroundWithProgressThenIsReady() throws Exception {
        byte[] bytes = random(400_000, 1);
        server.route("/gen.pt", Route.file(bytes).slow(250_000));
        open(hub(entry("loop-gen", CatalogEntry.Kind.GENERATOR, server.url("/gen.pt"), bytes)));
        ModelRow row = row("loop-gen");
        List<Double> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        Set<String> changedOn = ConcurrentHashMap.newKeySet();
        onFx(() -> {
            row.progressProperty().addListener((o, a, b) -> {
                progress.add(b.doubleValue());
                changedOn.add(Thread.currentThread().getName());
            });
            row.detailProperty().addListener((o, a, b) -> changedOn.add(Thread.currentThread().getName()));
            vm.selection().rowProperty().set(row);
            vm.download(row);
            return null;
        });
        assertEquals(State.DOWNLOADING, onFx(row::state));
        assertEquals(List.of(false, true, false, false), buttons(), "only Cancel while it downloads");
        waitFor(30, () -> row.state() != State.DOWNLOADING);
        assertEquals(State.READY, onFx(row::state), onFx(() -> row.detailProperty().get()));
        assertEquals(1.0, onFx(() -> row.progressProperty().get()));
        assertTrue(progress.stream().anyMatch(p -> p > 0.05 && p < 0.95), "progress was shown on the way: " + progress);
        assertEquals(Set.of(FX_THREAD), changedOn, "every change arrived on the FX thread");
        assertTrue(backgroundThreads.contains("test-download"), "the download ran on the background executor");
        assertArrayEquals(bytes, Files.readAllBytes(vm.cacheFolder().resolve("models/loop-gen/gen.pt")));
        assertEquals(List.of(row), onFx(() -> List.copyOf(vm.readyGenerators())));
        assertTrue(onFx(() -> notices.all().isEmpty()), onFx(() -> notices.all().toString()));
    }

    @Test
    void aMissingFileFailsWithItsReasonAndANotice() throws Exception {
        open(hub(entry("gone", CatalogEntry.Kind.CLIP, server.url("/gone.pt"), null)));
        ModelRow row = row("gone");
        onFx(() -> {
            vm.download(row);
            return null;
        });
        waitFor(30, () -> row.state() != State.DOWNLOADING);
        assertEquals(State.FAILED, onFx(row::state));
        String detail = onFx(() -> row.detailProperty().get());
        assertTrue(detail.contains("HTTP 404") && !detail.startsWith("gone:"), detail);
        Notice n = onFx(() -> notices.all().get(0));
        assertEquals(Notice.Kind.ERROR, n.kind());
        assertTrue(n.text().contains("HTTP 404") && n.text().startsWith("gone"), "names the model: " + n.text());

        onFx(() -> {
            vm.selection().rowProperty().set(row);
            return null;
        });
        assertTrue(onFx(() -> vm.selection().summary().get()).contains("failed · " + detail));

        server.route("/gone.pt", Route.file(random(1000, 2)));
        onFx(() -> {
            vm.download(row);
            return null;
        });
        waitFor(30, () -> row.state() != State.DOWNLOADING);
        assertEquals(State.READY, onFx(row::state), "a failure lasts until the next try");
        String summary = onFx(() -> vm.selection().summary().get());
        // "HTTP 404", not "404": the temp folder's random name in the path may hold those digits
        assertTrue(summary.contains("ready · ") && !summary.contains("HTTP 404"), "the summary follows the row: " + summary);
    }

    @Test
    void aSecondDownloadIsRefusedAndCancelKeepsTheBytesForAResume() throws Exception {
        byte[] bytes = random(2_000_000, 3);
        server.route("/big.pt", Route.file(bytes).slow(200_000));
        open(hub(entry("big", CatalogEntry.Kind.GENERATOR, server.url("/big.pt"), bytes)));
        ModelRow row = row("big");
        onFx(() -> {
            vm.download(row);
            return null;
        });
        waitFor(30, () -> row.progressProperty().get() > 0.02);
        onFx(() -> {
            vm.download(row);
            return null;
        });
        waitFor(30, () -> !notices.all().isEmpty());
        Notice busy = onFx(() -> notices.all().get(0));
        assertEquals(Notice.Kind.WARNING, busy.kind());
        assertTrue(busy.text().contains("already being downloaded"), busy.text());
        assertEquals(State.DOWNLOADING, onFx(row::state), "the first download goes on");

        onFx(() -> {
            vm.cancel(row);
            return null;
        });
        waitFor(30, () -> row.state() != State.DOWNLOADING);
        assertEquals(State.PARTIAL, onFx(row::state));
        assertTrue(onFx(() -> row.detailProperty().get()).contains("cancelled at"), onFx(() -> row.detailProperty().get()));
        assertTrue(onFx(() -> row.progressProperty().get()) > 0, "the share kept");
        assertEquals(1, (int) onFx(() -> notices.all().size()), "a cancel is no failure");

        server.route("/big.pt", Route.file(bytes));
        onFx(() -> {
            vm.download(row);
            return null;
        });
        waitFor(30, () -> row.state() != State.DOWNLOADING);
        assertEquals(State.READY, onFx(row::state), onFx(() -> row.detailProperty().get()));
        List<LoopbackServer.Request> requests = server.requests("/big.pt");
        assertNotNull(requests.get(requests.size() - 1).range(), "resumed with a Range request: " + requests);
    }

    @Test
    void openFileChecksTheSha256AndRemoveDeletesTheCopy() throws Exception {
        byte[] bytes = random(5000, 4);
        open(hub(entry("mine", CatalogEntry.Kind.CLIP, server.url("/mine.pt"), bytes)));
        ModelRow row = row("mine");
        Path wrong = Files.write(dir.resolve("wrong.pt"), random(5000, 5));
        onFx(() -> {
            vm.openFile(row, wrong);
            return null;
        });
        waitFor(30, () -> !notices.all().isEmpty() && row.state() != State.DOWNLOADING);
        assertTrue(onFx(() -> notices.all().get(0).text()).contains("sha256"));
        assertEquals(State.MISSING, onFx(row::state), "nothing else changed");

        Path right = Files.write(dir.resolve("right.pt"), bytes);
        onFx(() -> {
            vm.openFile(row, right);
            return null;
        });
        waitFor(30, () -> row.state() == State.READY);
        Path copy = vm.cacheFolder().resolve("models/mine/mine.pt");
        assertArrayEquals(bytes, Files.readAllBytes(copy));
        assertTrue(server.requests("/mine.pt").isEmpty(), "nothing was downloaded");

        onFx(() -> {
            vm.remove(row);
            return null;
        });
        waitFor(30, () -> row.state() == State.MISSING);
        assertFalse(Files.exists(copy));
        assertTrue(Files.exists(right), "the user's file stays");
    }

    @Test
    void aFileOfTheUsersOwnIsListedAndForgottenButNeverDeleted() throws Exception {
        open(hub());
        int before = onFx(() -> vm.rows().size());
        Path file = Files.write(dir.resolve("my-gen.pt"), random(3000, 6));
        onFx(() -> {
            vm.addLocal("my-gen", CatalogEntry.Kind.GENERATOR, file, "faces");
            return null;
        });
        waitFor(30, () -> vm.rows().size() == before + 1);
        ModelRow row = row("my-gen");
        assertEquals(State.READY, onFx(row::state));
        onFx(() -> {
            vm.selection().rowProperty().set(row);
            return null;
        });
        assertEquals(List.of(false, false, false, true), buttons(), "nothing to download or open: only Remove");
        onFx(() -> {
            vm.remove(row);
            return null;
        });
        waitFor(30, () -> vm.rows().size() == before);
        assertTrue(Files.exists(file));
    }

    @Test
    void aBrokenUserCatalogStillListsTheBuiltInModelsAndIsLeftAsItIs() throws Exception {
        ModelCache cache = new ModelCache(dir.resolve("cache"));
        Files.createDirectories(cache.root());
        Files.writeString(cache.userCatalog(), "{ not json");
        HubLoader.Opened opened = HubLoader.open(cache);
        assertNotNull(opened.problem());
        assertTrue(opened.problem().contains("catalog.json"), opened.problem());
        vm = onFx(() -> new ModelManagerViewModel(opened.hub(), opened.problem(), picker, notices, fx, background));
        onFx(() -> {
            vm.start();
            return null;
        });
        int builtIn = Catalog.builtIn().entries().size();
        waitFor(30, () -> vm.rows().size() == builtIn);
        assertEquals(Notice.Kind.WARNING, onFx(() -> notices.all().get(0).kind()));

        Path file = Files.write(dir.resolve("x.pt"), new byte[10]);
        onFx(() -> {
            vm.addLocal("x", CatalogEntry.Kind.GENERATOR, file, null);
            return null;
        });
        waitFor(30, () -> notices.all().size() == 2);
        assertTrue(onFx(() -> notices.all().get(1).text()).contains("repair"), onFx(() -> notices.all().get(1).text()));
        assertEquals("{ not json", Files.readString(cache.userCatalog()), "the user's file is left for repair");
    }

    @Test
    void aReadyGeneratorAndClipBecomeTheModelSetWithTheDomainsPrompts() throws Exception {
        Path sg2 = Fixtures.golden("sg2_tiny.pt");
        Path clip = Fixtures.golden("clip_tiny_state.pt");
        byte[] gen = Files.readAllBytes(sg2);
        byte[] cl = Files.readAllBytes(clip);
        server.route("/sg2_tiny.pt", Route.file(gen)).route("/clip_tiny_state.pt", Route.file(cl));
        CatalogEntry g = new CatalogEntry("tiny-cats", "Tiny cats", CatalogEntry.Kind.GENERATOR, "cats",
                server.url("/sg2_tiny.pt"), null, (long) gen.length, sha256(gen), 32, null, null, null, null, null);
        CatalogEntry c = new CatalogEntry("tiny-clip", "Tiny CLIP", CatalogEntry.Kind.CLIP, null,
                server.url("/clip_tiny_state.pt"), null, (long) cl.length, sha256(cl), null, "1:2", null, null, null,
                null);
        open(hub(g, c));
        ModelRow genRow = row("tiny-cats");
        ModelRow clipRow = row("tiny-clip");
        assertFalse(onFx(() -> vm.useAsModelSet(genRow, List.of(clipRow))), "not downloaded yet");
        assertTrue(onFx(() -> notices.all().get(0).text()).contains("not ready"));
        assertNull(onFx(() -> picker.currentProperty().get()), "nothing changed");

        onFx(() -> {
            vm.download(genRow);
            vm.download(clipRow);
            return null;
        });
        waitFor(60, () -> genRow.state() == State.READY && clipRow.state() == State.READY);
        onFx(() -> {
            vm.chosenGeneratorProperty().set(genRow);
            return null;
        });
        assertFalse(onFx(() -> vm.canUse().get()), "no CLIP ticked");
        onFx(() -> {
            clipRow.chosenClipProperty().set(true);
            return null;
        });
        assertTrue(onFx(() -> vm.canUse().get()));
        assertTrue(onFx(vm::useChosen));
        waitFor(120, () -> picker.currentProperty().get() != null || notices.all().size() > 1);
        var set = onFx(() -> picker.currentProperty().get());
        assertNotNull(set, onFx(() -> notices.all().toString()));
        assertEquals("Tiny cats + tiny-clip", set.name());
        assertEquals("photo of a cat", set.recommended().source(), "the cats domain's prompts");
        assertEquals(hub(g, c).catalog().domain("cats").suggestions(), set.recommended().suggestions());
        assertTrue(onFx(() -> picker.sets().contains(set)), "the set joins the model combo");
    }

    // ---- helpers

    private ModelHub hub(CatalogEntry... entries) throws Exception {
        ModelCache cache = new ModelCache(dir.resolve("cache"));
        Catalog catalog = Catalog.load(cache);
        for (CatalogEntry e : entries) {
            catalog = catalog.withUserEntry(e);
        }
        return new ModelHub(cache);
    }

    private void open(ModelHub hub) throws Exception {
        vm = onFx(() -> new ModelManagerViewModel(hub, null, picker, notices, fx, background));
        onFx(() -> {
            vm.start();
            return null;
        });
        int n = hub.catalog().entries().size();
        waitFor(30, () -> vm.rows().size() == n);
    }

    private ModelRow row(String name) throws Exception {
        return onFx(() -> vm.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow());
    }

    private List<Boolean> buttons() throws Exception {
        return onFx(() -> List.of(vm.selection().canDownload().get(), vm.selection().canCancel().get(), vm.selection().canOpenFile().get(),
                vm.selection().canRemove().get()));
    }

    private static CatalogEntry entry(String name, CatalogEntry.Kind kind, String url, byte[] bytes) throws Exception {
        return new CatalogEntry(name, null, kind, null, url, null, bytes == null ? null : (long) bytes.length,
                bytes == null ? null : sha256(bytes), null, null, null, null, null, null);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private <T> T onFx(Callable<T> work) throws Exception {
        return fx.submit(work).get(60, TimeUnit.SECONDS);
    }

    private void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!onFx(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s; rows " + onFx(() -> vm.rows().stream()
                        .map(r -> r.name() + " " + r.state() + " '" + r.detailProperty().get() + "'").toList())
                        + "; notices " + onFx(() -> notices.all().toString()));
            }
            Thread.sleep(20);
        }
    }
}
