package studio.nada.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studio.nada.ui.StudioFlowTest.fx;
import static studio.nada.ui.StudioFlowTest.waitUntil;

import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import studio.nada.testing.Fixtures;
import studio.nada.ui.service.DefaultModels;
import studio.nada.ui.service.SettingsStore;
import studio.nada.ui.viewmodel.Notice;
import studio.nada.ui.viewmodel.StudioViewModel;

/**
 * The studio as an artist meets it, at a small (1000×650) and a large window: the preview's
 * controls stay in view whatever the seeds, tiles grow with the window, the charts' lines have the
 * legend's colors, a bad seed list says so, notices stay inside the window.
 */
class StudioLayoutTest {
    @TempDir
    static java.nio.file.Path home;
    private static Studio studio;
    private static StudioViewModel vm;
    private static Stage stage;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        studio = HeadlessStudio.open(home);
        stage = FxToolkit.registerPrimaryStage(); // the same primary stage the studio is on
        vm = studio.viewModel();
    }

    @AfterAll
    static void close() throws Exception {
        HeadlessStudio.close(studio);
    }

    private static void size(double w, double h) throws Exception {
        fx(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theControlsStayInViewAtASmallWindowWithTwelveSeeds() throws Exception {
        size(1000, 650);
        fx(() -> {
            vm.preview().seedsProperty().set("0-11");
            return null;
        });
        waitUntil(60, () -> vm.preview().cellsProperty().get().size() == 12);
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#strength", "#truncation", "#seeds", "#newSeeds", "#seedsShown", "#adapt", "#stop",
                "#status", "#strengthValue")) {
            assertInWindow(id);
        }
        assertEquals("12 seeds shown", fx(() -> robot.lookup("#seedsShown").queryAs(Label.class).getText()));
        assertEquals("1.00", fx(() -> robot.lookup("#strengthValue").queryAs(Label.class).getText()),
                "the slider says its value");
        assertEquals(1.5, fx(() -> robot.lookup("#strength").queryAs(javafx.scene.control.Slider.class).getMax()),
                "domain strength extrapolates past 1");
        assertTrue(fx(() -> robot.lookup("#previewScroll").queryAs(javafx.scene.control.ScrollPane.class)
                .getVmax() > 0 && robot.lookup("#previewGrid").queryAs(javafx.scene.layout.Region.class).getHeight()
                > robot.lookup("#previewScroll").queryAs(javafx.scene.control.ScrollPane.class).getViewportBounds().getHeight()),
                "twelve seeds do not fit 1000×650: the grid scrolls");
    }

    @Test
    void tilesGrowInALargeWindow() throws Exception {
        fx(() -> {
            vm.preview().seedsProperty().set("0-5");
            return null;
        });
        size(1000, 650);
        waitUntil(60, () -> vm.preview().cellsProperty().get().size() == 6);
        WaitForAsyncUtils.waitForFxEvents();
        double small = imageSide();
        size(1600, 1000);
        WaitForAsyncUtils.waitForFxEvents();
        double large = imageSide();
        assertTrue(large > small && large > 112, "tiles " + small + " px at 1000×650, " + large + " px at 1600×1000");
    }

    @Test
    void anInvalidSeedListSaysSoAndKeepsTheGrid() throws Exception {
        size(1000, 650);
        fx(() -> {
            vm.preview().seedsProperty().set("0-2");
            return null;
        });
        waitUntil(60, () -> vm.preview().cellsProperty().get().size() == 3);
        robot.interact(() -> robot.lookup("#seeds").queryAs(javafx.scene.control.TextField.class).setText("abc"));
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.lookup("#seedsError").queryAs(Label.class);
        assertTrue(fx(error::isVisible), "the error is shown");
        assertTrue(fx(error::getText).contains("abc"), fx(error::getText));
        assertTrue(fx(() -> robot.lookup("#seeds").queryAs(Node.class).getStyleClass().contains("error")));
        assertInWindow("#seedsError");
        assertEquals(3, (int) fx(() -> vm.preview().cellsProperty().get().size()), "the last good seeds stay");
        robot.interact(() -> robot.lookup("#seeds").queryAs(javafx.scene.control.TextField.class).setText("0-50"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(error::getText).contains("at most"), fx(error::getText));
        robot.interact(() -> robot.lookup("#seeds").queryAs(javafx.scene.control.TextField.class).setText("4,5"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(error::isVisible), "a good list clears it");
    }

    @Test
    void theChartLinesHaveTheLegendsColors() throws Exception {
        for (String[] pair : new String[][] {{"#lossChart", "#legendLoss"}, {"#similarityChart", "#legendSimilarity"}}) {
            LineChart<?, ?> chart = robot.lookup(pair[0]).queryAs(LineChart.class);
            Object stroke = fx(() -> {
                chart.applyCss();
                return ((Path) chart.getData().get(0).getNode()).getStroke();
            });
            Object swatch = fx(() -> ((Rectangle) robot.lookup(pair[1]).queryAs(Label.class).getGraphic()).getFill());
            assertEquals(swatch, stroke, pair[0] + " line and its legend");
        }
        assertFalse(fx(() -> stroke("#lossChart").equals(stroke("#similarityChart"))), "two lines, two colors");
    }

    @Test
    void aLongNoticeWrapsInsideTheWindow() throws Exception {
        size(1000, 650);
        String path = "/home/artist/.config/nada-studio/sessions/20261201-081500-a-rather-long-session-folder-name";
        fx(() -> {
            vm.notices().post(Notice.error("Cannot open the session", "cannot read " + path + "/generator.pt: "
                    + path + "/generator.pt is not a StyleGAN2 checkpoint"));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Node card = robot.lookup(".notice").query();
        Bounds b = fx(() -> card.localToScene(card.getBoundsInLocal()));
        double w = fx(() -> studio.scene().getWidth());
        double h = fx(() -> studio.scene().getHeight());
        assertTrue(b.getMinX() >= 0 && b.getMaxX() <= w && b.getMinY() >= 0 && b.getMaxY() <= h, "inside the window: " + b);
        Node map = robot.lookup("#layerMap").query();
        Node controls = robot.lookup("#seeds").query();
        for (Node covered : List.of(map, controls)) {
            Bounds c = fx(() -> covered.localToScene(covered.getBoundsInLocal()));
            assertFalse(b.intersects(c), "the notice leaves " + covered.getId() + " visible: " + b + " / " + c);
        }
        assertTrue(b.getHeight() > 60, "wrapped to several lines: " + b);
        String text = fx(() -> vm.notices().all().get(vm.notices().all().size() - 1).text());
        assertEquals(1, text.split(java.util.regex.Pattern.quote(path), -1).length - 1, "the path said once: " + text);
    }

    @Test
    void advancedSettingsHavePlainNamesWithTooltips() throws Exception {
        org.controlsfx.control.PropertySheet sheet = robot.lookup("#advanced").queryAs(org.controlsfx.control.PropertySheet.class);
        List<String> names = fx(() -> sheet.getItems().stream().map(org.controlsfx.control.PropertySheet.Item::getName).toList());
        assertTrue(names.contains("Layers per step") && names.contains("Weight per CLIP model"), names.toString());
        assertFalse(names.contains("Layers k") || names.contains("CLIP weights"), names.toString());
        assertTrue(fx(() -> sheet.getItems().stream().allMatch(i -> i.getDescription().length() > 20)), "each explains itself");
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<studio.nada.nada.LayerMapping> mapping =
                robot.lookup("#layerMappingEditor").queryAs(javafx.scene.control.ComboBox.class);
        String shown = fx(() -> mapping.getConverter().toString(mapping.getValue()));
        assertFalse(shown.isEmpty() || shown.equals(shown.toUpperCase(java.util.Locale.ROOT)), "in words: " + shown);
    }

    @Test
    void probeStepsAreOffWhileEveryLayerTrains() throws Exception {
        Node probe = robot.lookup("#probeStepsEditor").query();
        Node fixed = robot.lookup("#phaseEditor").query();
        int before = fx(() -> vm.advanced().layersKProperty().get());
        int probeBefore = fx(() -> vm.advanced().autoLayerItersProperty().get());
        try {
            assertTrue(fx(() -> {
                vm.advanced().autoLayerItersProperty().set(1);
                vm.advanced().layersKProperty().set(0);
                return probe.isDisabled() && fixed.isDisabled();
            }), "0 layers per step = all of them, no probe, no fixed set");
            assertFalse(fx(() -> {
                vm.advanced().layersKProperty().set(3);
                return probe.isDisabled();
            }), "a probe picks 3 layers: its steps count");
            assertTrue(fx(() -> {
                vm.advanced().autoLayerItersProperty().set(0);
                vm.advanced().layersKProperty().set(0);
                return !probe.isDisabled() && !fixed.isDisabled();
            }), "0 probe steps train the fixed layers, which can be chosen, and the probe can come back");
        } finally {
            fx(() -> {
                vm.advanced().layersKProperty().set(before);
                vm.advanced().autoLayerItersProperty().set(probeBefore);
                return null;
            });
        }
    }

    @Test
    void styleImagesShowAsThumbnailsThatCanBeRemoved() throws Exception {
        java.nio.file.Path a = home.resolve("style-a.png");
        java.nio.file.Path b = home.resolve("style-b.png");
        for (java.nio.file.Path p : List.of(a, b)) {
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB),
                    "png", p.toFile());
        }
        fx(() -> vm.prompt().addStyleImages(List.of(a, b)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, (int) fx(() -> robot.lookup(".style-thumb").queryAll().size()));
        robot.interact(() -> ((javafx.scene.control.Button) robot.lookup(".style-thumb").queryAll().stream()
                .filter(n -> a.equals(n.getUserData())).findFirst().orElseThrow().lookup(".thumb-remove")).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(b), fx(() -> List.copyOf(vm.prompt().styleImages())), "the remove button took it out");
        assertEquals(1, (int) fx(() -> robot.lookup(".style-thumb").queryAll().size()));
        assertTrue(robot.lookup("#addStyleImages").tryQuery().isPresent(), "a file chooser is offered");
        fx(() -> {
            vm.prompt().clearStyleImages();
            return null;
        });
    }

    @Test
    void theMenusOfferFileRunAndHelpWithTheirShortcuts() throws Exception {
        javafx.scene.control.MenuBar bar = robot.lookup("#menuBar").queryAs(javafx.scene.control.MenuBar.class);
        List<String> menus = fx(() -> bar.getMenus().stream().map(javafx.scene.control.Menu::getText).toList());
        assertEquals(List.of("File", "Run", "Help"), menus);
        List<String> file = fx(() -> bar.getMenus().get(0).getItems().stream().map(javafx.scene.control.MenuItem::getText)
                .filter(t -> t != null).toList());
        assertEquals(List.of("Open generator…", "Open CLIP…", "Models…", "Open session folder…", "Export…", "Quit"), file);
        assertTrue(fx(() -> bar.getMenus().get(0).getItems().stream().filter(i -> "Quit".equals(i.getText())).findFirst()
                .orElseThrow().getAccelerator()) != null, "Quit shows its shortcut");
        List<String> help = fx(() -> bar.getMenus().get(2).getItems().stream().map(javafx.scene.control.MenuItem::getText).toList());
        assertEquals(List.of("Keyboard shortcuts", "About NADA Studio"), help);
        assertInWindow("#menuBar");
        assertEquals(null, fx(() -> vm.run().closeQuestion()), "no run: closing asks nothing");
    }

    @Test
    void theEnlargedViewIsDarkHasSaveAndClosesWithEscape() throws Exception {
        fx(() -> {
            vm.preview().seedsProperty().set("0-2");
            return null;
        });
        waitUntil(60, () -> vm.preview().cellsProperty().get().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        Node cell = robot.lookup(".preview-cell").query();
        robot.interact(() -> cell.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_CLICKED,
                0, 0, 0, 0, javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, true, false, false,
                true, false, false, null)));
        WaitForAsyncUtils.waitForFxEvents();
        Node enlarged = robot.lookup("#enlarged").query();
        assertTrue(fx(() -> enlarged.getScene().getRoot().getStylesheets().stream().anyMatch(u -> u.endsWith("studio.css"))),
                "the dark theme");
        assertTrue(robot.lookup("#saveEnlarged").tryQuery().isPresent(), "a Save button");
        assertTrue(fx(() -> enlarged.lookup(".preview-placeholder") != null), "the adapted half says it comes after Adapt");
        javafx.stage.Window w = fx(() -> enlarged.getScene().getWindow());
        robot.interact(() -> javafx.event.Event.fireEvent(enlarged, new javafx.scene.input.KeyEvent(
                javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", javafx.scene.input.KeyCode.ESCAPE, false, false, false, false)));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(w::isShowing), "Esc closed it");
    }

    @Test
    void aClipFileThatDoesNotTellItsHeadsIsAskedAbout() throws Exception {
        java.nio.file.Path clip = Fixtures.golden("clip_tiny_state.pt");
        var before = fx(() -> vm.models().currentProperty().get());
        fx(() -> {
            vm.models().openClip(clip);
            return null;
        });
        waitUntil(60, () -> robot.lookup("#clipHeadsDialog").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<Integer> vision = robot.lookup("#clipVisionHeads").queryAs(javafx.scene.control.ComboBox.class);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<Integer> text = robot.lookup("#clipTextHeads").queryAs(javafx.scene.control.ComboBox.class);
        assertEquals(1, (int) fx(vision::getValue), "inferred: 64 / 64");
        assertEquals(List.of(1, 2, 4, 8, 16, 32), fx(() -> List.copyOf(text.getItems())));
        robot.interact(() -> text.setValue(2));
        javafx.scene.control.DialogPane pane = robot.lookup("#clipHeadsDialog").queryAs(javafx.scene.control.DialogPane.class);
        robot.interact(() -> ((javafx.scene.control.Button) pane.lookupButton(javafx.scene.control.ButtonType.OK)).fire());
        waitUntil(60, () -> !vm.models().loadingProperty().get()
                && vm.models().currentProperty().get().name().contains("clip_tiny_state.pt"));
        fx(() -> {
            vm.models().select(before);
            return null;
        });
        waitUntil(60, () -> !vm.models().loadingProperty().get() && vm.models().currentProperty().get() == before);
    }

    private Object stroke(String chart) {
        LineChart<?, ?> c = robot.lookup(chart).queryAs(LineChart.class);
        return ((Path) c.getData().get(0).getNode()).getStroke();
    }

    private double imageSide() throws Exception {
        return fx(() -> robot.lookup("#previewGrid").lookup(".preview-image").queryAs(ImageView.class).getFitWidth());
    }

    private void assertInWindow(String id) throws Exception {
        Node n = robot.lookup(id).query();
        Bounds b = fx(() -> n.localToScene(n.getBoundsInLocal()));
        double w = fx(() -> studio.scene().getWidth());
        double h = fx(() -> studio.scene().getHeight());
        assertTrue(fx(() -> n.isVisible() && n.getScene() != null), id + " is shown");
        assertTrue(b.getMinX() >= 0 && b.getMinY() >= 0 && b.getMaxX() <= w + 0.5 && b.getMaxY() <= h + 0.5,
                id + " at " + b + " lies in the " + w + "×" + h + " window");
    }
}
