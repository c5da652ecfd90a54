package studio.nada.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studio.nada.ui.StudioFlowTest.fx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import studio.nada.hub.Catalog;
import studio.nada.hub.CatalogEntry;
import studio.nada.hub.ModelCache;
import studio.nada.testing.Fixtures;
import studio.nada.testing.LoopbackServer;
import studio.nada.testing.LoopbackServer.Route;
import studio.nada.ui.viewmodel.ModelRow;
import studio.nada.ui.viewmodel.ModelRow.State;
import studio.nada.ui.viewmodel.StudioViewModel;

/**
 * The model manager dialog in the running studio, headless, against a real HTTP server on
 * loopback: a download with its progress bar, a 404 failing with its reason, a slow download
 * cancelled, and a ready generator + CLIP model made the studio's model set.
 */
class ModelManagerDialogTest {
    @TempDir
    static Path home;
    private static LoopbackServer server;
    private static Studio studio;
    private static StudioViewModel vm;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        server = LoopbackServer.start();
        byte[] small = random(300_000, 1);
        byte[] big = random(3_000_000, 2);
        server.route("/small.pt", Route.file(small).slow(300_000)).route("/big.pt", Route.file(big).slow(100_000));
        ModelCache cache = new ModelCache(home.resolve("cache"));
        Catalog catalog = Catalog.load(cache)
                .withUserEntry(entry("loop-small", CatalogEntry.Kind.GENERATOR, "faces", "/small.pt", small, null))
                .withUserEntry(entry("loop-big", CatalogEntry.Kind.GENERATOR, "faces", "/big.pt", big, null))
                .withUserEntry(entry("loop-gone", CatalogEntry.Kind.CLIP, null, "/gone.pt", null, null));
        // the golden tiny models where ../shared is present (the test that needs them skips otherwise)
        Path golden = Path.of(System.getProperty("nada.shared", "../shared"), "fixtures/golden");
        Path gen = golden.resolve("sg2_tiny.pt");
        Path clip = golden.resolve("clip_tiny_state.pt");
        if (Files.isRegularFile(gen) && Files.isRegularFile(clip)) {
            byte[] g = Files.readAllBytes(gen);
            byte[] c = Files.readAllBytes(clip);
            server.route("/sg2_tiny.pt", Route.file(g)).route("/clip_tiny_state.pt", Route.file(c));
            catalog.withUserEntry(entry("tiny-cats", CatalogEntry.Kind.GENERATOR, "cats", "/sg2_tiny.pt", g, null))
                    .withUserEntry(entry("tiny-clip", CatalogEntry.Kind.CLIP, null, "/clip_tiny_state.pt", c, "1:2"));
        }
        studio = HeadlessStudio.open(home, cache);
        vm = studio.viewModel();
        waitUntil(60, () -> vm.models().currentProperty().get() != null && !studio.modelManager().rows().isEmpty());
        press("#manageModels");
        waitUntil(10, () -> robot().lookup("#modelTable").tryQuery().isPresent());
    }

    @AfterAll
    static void close() throws Exception {
        HeadlessStudio.close(studio);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void downloadsWithAProgressBarFailsWithTheReasonAndCancels() throws Exception {
        assertTrue(fx(() -> table().getItems().size()) > 3, "the built-in catalog and the loopback entries");
        assertTrue(fx(() -> row("stylegan2-ffhq-1024").state()) == State.MISSING, "offline, still listed");

        select("loop-small");
        assertFalse(fx(() -> button("#downloadButton").isDisabled()));
        assertTrue(fx(() -> button("#cancelDownload").isDisabled()));
        press("#downloadButton");
        waitUntil(30, () -> visibleBars().stream().anyMatch(b -> b.getProgress() > 0 && b.getProgress() < 1));
        assertFalse(fx(() -> button("#cancelDownload").isDisabled()), "Cancel while it downloads");
        waitUntil(30, () -> row("loop-small").state() == State.READY);
        assertTrue(fx(() -> cellTexts().contains("ready")));
        assertTrue(fx(() -> button("#downloadButton").isDisabled()), "nothing more to download");
        assertFalse(fx(() -> button("#removeModel").isDisabled()));

        select("loop-gone");
        press("#downloadButton");
        waitUntil(30, () -> row("loop-gone").state() == State.FAILED);
        String reason = fx(() -> row("loop-gone").detailProperty().get());
        assertTrue(reason.contains("HTTP 404"), reason);
        assertTrue(fx(() -> cellTexts().contains(reason)), "the reason is in the table");
        assertTrue(fx(() -> cellTexts().contains("failed")));
        assertTrue(fx(() -> robot.lookup("#modelDetail").queryAs(Labeled.class).getText()).contains(reason),
                "the whole reason under the table");
        assertFalse(fx(() -> button("#downloadButton").isDisabled()), "failed: Download tries again");

        select("loop-big");
        press("#downloadButton");
        waitUntil(30, () -> row("loop-big").progressProperty().get() > 0.02);
        press("#cancelDownload");
        waitUntil(30, () -> row("loop-big").state() == State.PARTIAL);
        assertTrue(fx(() -> row("loop-big").detailProperty().get()).contains("cancelled"));
        assertTrue(fx(() -> cellTexts().contains("partly downloaded")));
        assertFalse(fx(() -> button("#downloadButton").isDisabled()), "Download resumes");
        assertTrue(Files.isRegularFile(home.resolve("cache/models/loop-small/small.pt")));
    }

    @Test
    void aReadyGeneratorAndClipBecomeTheStudiosModels() throws Exception {
        Fixtures.golden("sg2_tiny.pt"); // skips, saying why, without ../shared
        for (String name : List.of("tiny-cats", "tiny-clip")) {
            select(name);
            press("#downloadButton");
        }
        waitUntil(60, () -> row("tiny-cats").state() == State.READY && row("tiny-clip").state() == State.READY);
        assertTrue(fx(() -> button("#useModels").isDisabled()), "nothing chosen yet");
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<ModelRow> generator = robot.lookup("#generatorChoice").queryAs(ComboBox.class);
            generator.getSelectionModel().select(row("tiny-cats"));
        });
        robot.interact(() -> robot.lookup("#clipChoice .check-box").queryAll().stream().map(CheckBox.class::cast)
                .filter(c -> c.getParent() instanceof javafx.scene.control.ListCell<?> cell
                        && cell.getItem() == row("tiny-clip"))
                .forEach(CheckBox::fire));
        waitUntil(10, () -> !button("#useModels").isDisabled());
        press("#useModels");
        waitUntil(120, () -> !vm.models().loadingProperty().get()
                && String.valueOf(vm.models().currentProperty().get()).startsWith("tiny-cats"));
        assertEquals("tiny-cats + tiny-clip", fx(() -> vm.models().currentProperty().get().name()));
        assertEquals("photo of a cat", fx(() -> vm.prompt().sourceProperty().get()), "the cats domain's prompt");
        assertTrue(fx(() -> vm.models().sets().contains(vm.models().currentProperty().get())));
    }

    // ---- helpers

    private static CatalogEntry entry(String name, CatalogEntry.Kind kind, String domain, String path, byte[] bytes,
            String heads) throws Exception {
        return new CatalogEntry(name, null, kind, domain, server.url(path), null,
                bytes == null ? null : (long) bytes.length, bytes == null ? null : sha256(bytes), null, heads, null,
                null, null, null);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static FxRobot robot() {
        return new FxRobot();
    }

    @SuppressWarnings("unchecked")
    private static TableView<ModelRow> table() {
        return robot().lookup("#modelTable").queryAs(TableView.class);
    }

    private static ModelRow row(String name) {
        return studio.modelManager().rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private void select(String name) throws Exception {
        robot.interact(() -> {
            table().getSelectionModel().select(row(name));
            table().scrollTo(row(name));
        });
        assertEquals(name, fx(() -> studio.modelManager().selection().row().name()));
    }

    private static ButtonBase button(String query) {
        return robot().lookup(query).queryAs(ButtonBase.class);
    }

    /** Fires a button as a click does (see StudioFlowTest#press for why not the glass robot's mouse). */
    private static void press(String query) {
        robot().interact(() -> button(query).fire());
    }

    private static List<ProgressBar> visibleBars() {
        return robot().lookup("#modelTable .model-progress").queryAllAs(ProgressBar.class).stream()
                .filter(ProgressBar::isVisible).toList();
    }

    /** The texts shown in the table's cells (state words and details). */
    private static List<String> cellTexts() {
        return java.util.stream.Stream.concat(robot().lookup("#modelTable .table-cell").queryAllAs(Labeled.class).stream(),
                robot().lookup("#modelTable .model-state").queryAllAs(Labeled.class).stream()).map(Labeled::getText)
                .filter(t -> t != null && !t.isEmpty()).toList();
    }

    private static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out after " + seconds + " s; rows " + fx(() -> studio.modelManager().rows()
                    .stream().filter(r -> r.name().startsWith("loop") || r.name().startsWith("tiny"))
                    .map(r -> r.name() + " " + r.state() + " '" + r.detailProperty().get() + "'").toList())
                    + "; notices " + fx(() -> vm.notices().all()), e);
        }
    }
}
