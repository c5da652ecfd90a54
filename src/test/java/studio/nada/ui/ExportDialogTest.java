package studio.nada.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studio.nada.ui.StudioFlowTest.fx;
import static studio.nada.ui.StudioFlowTest.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import studio.nada.export.ExportOptions.Animation;
import studio.nada.ui.viewmodel.ExportViewModel;
import studio.nada.ui.viewmodel.Notice;
import studio.nada.ui.viewmodel.StudioViewModel;

/**
 * The export dialog in the studio, headless: with an adapted generator shown, it says what it
 * will write, exports images, a GIF, an MP4 and the generator; a cancelled export and one into a
 * folder that is a file leave nothing behind and say so.
 */
class ExportDialogTest {
    @TempDir
    static Path home;
    private static Studio studio;
    private static StudioViewModel vm;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        studio = HeadlessStudio.open(home);
        vm = studio.viewModel();
        // an adapted Shapes generator, as a session would hold: one synthesis tensor changed
        HeadlessStudio.openAdapted(studio, home.resolve("session/generator.pt"),
                sd -> HeadlessStudio.scale(sd, "convs.1.conv.weight", 1.3f));
    }

    @AfterAll
    static void close() throws Exception {
        HeadlessStudio.close(studio);
    }

    @Test
    void exportsCancelsAndRefusesFromTheDialog() throws Exception {
        press("#openExport");
        waitUntil(20, () -> robot.lookup("#exportStart").tryQuery().isPresent());
        ExportViewModel ex = vm.export();
        Path out = home.resolve("exports");
        fx(() -> {
            ex.folderProperty().set(out);
            ex.seedsProperty().set("0-5");
            ex.ptProperty().set(true);
            ex.deltaProperty().set(true);
            return null;
        });
        robot.interact(() -> robot.lookup("#exportGif").queryAs(ComboBox.class).setValue(Animation.WALK));
        robot.interact(() -> robot.lookup("#exportMp4").queryAs(ComboBox.class).setValue(Animation.MORPH));
        fx(() -> {
            ex.framesProperty().set(8);
            return null;
        });
        waitUntil(20, () -> ex.problemProperty().get() == null && ex.summaryProperty().get().startsWith("18 files"));

        press("#exportStart");
        waitUntil(120, () -> !ex.runningProperty().get() && ex.statusProperty().get().startsWith("exported"));
        Set<String> names = list(out);
        assertTrue(names.containsAll(List.of("seed0000.png", "seed0005_frozen.png", "grid.png", "walk.gif", "morph.mp4",
                "generator.pt", "generator-delta.safetensors", "export.json")), names.toString());
        assertEquals(18, names.size(), names.toString());
        assertEquals(1.0, fx(() -> ex.progressProperty().get()));
        assertTrue(fx(() -> last().title()).equals("Exported"));
        assertEquals(out.toString(), fx(() -> vm.snapshot().exportFolder()), "the folder is remembered");

        // a long export, cancelled: the folder keeps only what the first export wrote
        Path second = home.resolve("second");
        fx(() -> {
            ex.folderProperty().set(second);
            ex.seedsProperty().set("0-200");
            ex.framesProperty().set(300);
            return null;
        });
        press("#exportStart");
        waitUntil(30, () -> ex.progressProperty().get() > 0);
        press("#exportCancel");
        waitUntil(120, () -> !ex.runningProperty().get());
        assertEquals("Export cancelled", fx(() -> last().title()));
        assertTrue(!Files.exists(second) || list(second).isEmpty(), "nothing written: " + (Files.exists(second) ? list(second) : ""));

        // a folder that is a file: a clear error, nothing written
        Path aFile = Files.writeString(home.resolve("a-file"), "x");
        fx(() -> {
            ex.folderProperty().set(aFile);
            ex.seedsProperty().set("0-1");
            ex.framesProperty().set(8);
            return null;
        });
        press("#exportStart");
        waitUntil(60, () -> !ex.runningProperty().get() && "failed".equals(ex.statusProperty().get()));
        assertEquals(Notice.Kind.ERROR, fx(() -> last().kind()));
        assertTrue(fx(() -> last().text()).contains("is a file, not a folder"), fx(() -> last().text()));
        assertEquals("x", Files.readString(aFile));
        press("#exportClose");
    }

    private static Notice last() {
        List<Notice> all = vm.notices().all();
        return all.get(all.size() - 1);
    }

    private void press(String query) {
        robot.interact(() -> robot.lookup(query).queryAs(ButtonBase.class).fire());
    }

    private static Set<String> list(Path d) throws java.io.IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
