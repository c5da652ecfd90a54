package studio.nada.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static studio.nada.ui.StudioFlowTest.fx;
import static studio.nada.ui.StudioFlowTest.waitUntil;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import studio.nada.export.Images;
import studio.nada.toyworld.Scene;
import studio.nada.toyworld.ShapeColor;
import studio.nada.toyworld.ShapeKind;
import studio.nada.toyworld.ShapeRenderer;
import studio.nada.ui.viewmodel.Notice;
import studio.nada.ui.viewmodel.PhotoRow;
import studio.nada.ui.viewmodel.StudioViewModel;
import studio.nada.weights.TensorData;

/**
 * The Photos panel, headless: a PNG dropped on it gets a row that fills — reconstruction and the
 * adapted domain — and exports; a text file dropped on it is a notice and no row.
 */
class PhotosPanelTest {
    @TempDir
    static Path home;
    private static Studio studio;
    private static StudioViewModel vm;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        studio = HeadlessStudio.open(home);
        vm = studio.viewModel();
        HeadlessStudio.openAdapted(studio, home.resolve("session/generator.pt"), sd -> {
            float[] v = sd.get("to_rgb1.bias").toFloatArray();
            v[2] += 0.5f; // a bluer adapted generator
            sd.put("to_rgb1.bias", TensorData.ofFloats(sd.get("to_rgb1.bias").shape(), v));
        });
    }

    @AfterAll
    static void close() throws Exception {
        HeadlessStudio.close(studio);
    }

    @Test
    void aDroppedPhotoFillsItsRowAndATextFileIsTold() throws Exception {
        robot.interact(() -> {
            Tab photos = robot.lookup(".tab-pane").queryAll().stream().map(n -> (TabPane) n)
                    .flatMap(p -> p.getTabs().stream()).filter(t -> "photosTab".equals(t.getId())).findFirst().orElseThrow();
            photos.getTabPane().getSelectionModel().select(photos);
        });
        fx(() -> {
            vm.photos().stepsProperty().set(40);
            return null;
        });
        Path png = home.resolve("red square.png");
        Images.writePng(png, ShapeRenderer.argb(new Scene(ShapeKind.SQUARE, ShapeColor.RED, 0.17, 0.42, 0.58)));
        drop(png);
        waitUntil(120, () -> !vm.photos().rows().isEmpty()
                && vm.photos().rows().get(0).stateProperty().get() == PhotoRow.State.DONE);
        PhotoRow row = fx(() -> vm.photos().rows().get(0));
        assertNotNull(fx(() -> row.reconstructionProperty().get()));
        assertEquals(1, (int) fx(() -> row.domains().size()), "the opened session is the one adapted domain");
        assertTrue(fx(() -> row.statusProperty().get()).startsWith("PSNR"), fx(() -> row.statusProperty().get()));
        Path out = Files.createDirectories(home.resolve("photos-out"));
        assertEquals(1, (int) vm.photos().export(List.of(row), out).get());
        assertTrue(Files.isRegularFile(out.resolve("red_square_row.png")));

        // a long inversion, cancelled: the row says so and the next photo could start
        fx(() -> {
            vm.photos().stepsProperty().set(5000);
            return null;
        });
        drop(png);
        waitUntil(60, () -> vm.photos().rows().size() == 2
                && vm.photos().rows().get(1).stateProperty().get() == PhotoRow.State.INVERTING);
        fx(() -> {
            vm.photos().cancel(vm.photos().rows().get(1));
            return null;
        });
        waitUntil(60, () -> vm.photos().rows().get(1).stateProperty().get() == PhotoRow.State.CANCELLED);
        fx(() -> {
            vm.photos().remove(vm.photos().rows().get(1));
            return null;
        });

        Path text = Files.writeString(home.resolve("notes.png"), "not a picture");
        int notices = fx(() -> vm.notices().all().size());
        drop(text);
        waitUntil(30, () -> vm.notices().all().size() > notices);
        Notice n = fx(() -> vm.notices().all().get(vm.notices().all().size() - 1));
        assertEquals(Notice.Kind.ERROR, n.kind());
        assertTrue(n.title().contains("notes.png") && n.text().contains("not an image"), n.title() + ": " + n.text());
        assertEquals(1, (int) fx(() -> vm.photos().rows().size()), "no row for a text file");
    }

    /** A drop of {@code file} on the Photos panel, as the OS delivers it. */
    private void drop(Path file) throws Exception {
        Class.forName(Dragboard.class.getName(), true, Dragboard.class.getClassLoader()); // its helper registers itself
        Node target = robot.lookup("#photos").query();
        robot.interact(() -> {
            Dragboard board = DragboardHelper.createDragboard(new Files1(file.toFile()));
            target.fireEvent(new DragEvent(DragEvent.DRAG_DROPPED, board, 10, 10, 10, 10, TransferMode.COPY, null,
                    target, null));
        });
    }

    /** A clipboard holding one file. */
    private record Files1(File file) implements TKClipboard {
        @Override
        public void setSecurityContext(java.security.AccessControlContext c) {}

        @Override
        public Set<DataFormat> getContentTypes() {
            return Set.of(DataFormat.FILES);
        }

        @SafeVarargs
        @Override
        public final boolean putContent(javafx.util.Pair<DataFormat, Object>... content) {
            return false;
        }

        @Override
        public Object getContent(DataFormat f) {
            return f == DataFormat.FILES ? List.of(file) : null;
        }

        @Override
        public boolean hasContent(DataFormat f) {
            return f == DataFormat.FILES;
        }

        @Override
        public Set<TransferMode> getTransferModes() {
            return Set.of(TransferMode.COPY);
        }

        @Override
        public void setDragView(javafx.scene.image.Image image) {}

        @Override
        public void setDragViewOffsetX(double x) {}

        @Override
        public void setDragViewOffsetY(double y) {}

        @Override
        public javafx.scene.image.Image getDragView() {
            return null;
        }

        @Override
        public double getDragViewOffsetX() {
            return 0;
        }

        @Override
        public double getDragViewOffsetY() {
            return 0;
        }
    }
}
