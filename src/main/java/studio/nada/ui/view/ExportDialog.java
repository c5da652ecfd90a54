package studio.nada.ui.view;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import studio.nada.export.ExportOptions.Animation;
import studio.nada.ui.viewmodel.ExportViewModel;

/**
 * The export dialog: images, animations and generator files of the adapted generator, what they
 * come to on disk, a progress bar and Cancel. It binds to {@link ExportViewModel} and nothing else.
 */
public final class ExportDialog {
    private ExportDialog() {}

    /** Opens the dialog over {@code owner} (it stays open while the export runs, and after). */
    public static Stage show(Window owner, ExportViewModel vm) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Export");
        Scene scene = new Scene(content(vm, stage), 620, 560);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getRoot().getStylesheets());
        }
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            if (vm.runningProperty().get()) {
                e.consume(); // closing mid-export would hide its progress: cancel first
            }
        });
        stage.show();
        return stage;
    }

    static VBox content(ExportViewModel vm, Stage stage) {
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        int row = 0;

        TextField seeds = new TextField();
        seeds.setId("exportSeeds");
        seeds.textProperty().bindBidirectional(vm.seedsProperty());
        seeds.setTooltip(new Tooltip("e.g. 0-15 or 1,5,9"));
        form.addRow(row++, new Label("Seeds"), seeds);
        form.addRow(row++, new Label("Truncation"), slider(vm.truncationProperty(), 0, 1));
        form.addRow(row++, new Label("Domain strength"), slider(vm.strengthProperty(), 0, 1.5));

        CheckBox pngs = check("PNG per seed", vm.pngsProperty(), "exportPngs");
        CheckBox pairs = check("frozen images too", vm.pairsProperty(), "exportPairs");
        CheckBox grid = check("contact sheet", vm.gridProperty(), "exportGrid");
        CheckBox labels = check("with seed labels", vm.labelsProperty(), "exportLabels");
        Spinner<Integer> columns = spinner(vm.columnsProperty(), 1, 64);
        labels.disableProperty().bind(grid.selectedProperty().not());
        form.addRow(row++, new Label("Images"), new HBox(12, pngs, pairs));
        form.addRow(row++, new Label(""), new HBox(12, grid, labels, new Label("columns"), columns));

        ComboBox<Animation> gif = animation(vm.gifProperty(), "exportGif");
        ComboBox<Animation> mp4 = animation(vm.mp4Property(), "exportMp4");
        form.addRow(row++, new Label("Animations"), new HBox(8, new Label("GIF"), gif, new Label("MP4"), mp4));
        HBox animSettings = new HBox(8, new Label("frames"), spinner(vm.framesProperty(), 2, 600), new Label("fps"),
                spinner(vm.fpsProperty(), 1, 60), new Label("size"), spinner(vm.frameSizeProperty(), 16, 1024));
        animSettings.disableProperty().bind(gif.valueProperty().isEqualTo(Animation.NONE)
                .and(mp4.valueProperty().isEqualTo(Animation.NONE)));
        form.addRow(row++, new Label(""), animSettings);

        form.addRow(row++, new Label("Generator"), new HBox(12, check(".pt (PyTorch)", vm.ptProperty(), "exportPt"),
                check(".safetensors", vm.safetensorsProperty(), "exportSafetensors"),
                check("delta from its base", vm.deltaProperty(), "exportDelta")));

        Label folder = new Label();
        folder.setId("exportFolder");
        folder.textProperty().bind(Bindings.createStringBinding(() -> vm.folderProperty().get() == null ? "(none)"
                : vm.folderProperty().get().toString(), vm.folderProperty()));
        folder.setMaxWidth(360);
        Button choose = new Button("Choose…");
        choose.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("Export into");
            File start = vm.folderProperty().get() == null ? null : vm.folderProperty().get().toFile();
            if (start != null && start.isDirectory()) {
                c.setInitialDirectory(start);
            }
            File f = c.showDialog(stage);
            if (f != null) {
                vm.folderProperty().set(f.toPath());
            }
        });
        form.addRow(row++, new Label("Folder"), new HBox(8, folder, choose));
        form.addRow(row++, new Label(""), check("replace files of an earlier export", vm.overwriteProperty(),
                "exportOverwrite"));

        Label summary = wrapping("exportSummary");
        summary.textProperty().bind(vm.summaryProperty());
        Label problem = wrapping("exportProblem");
        problem.textProperty().bind(vm.problemProperty());
        problem.getStyleClass().add("error-text");
        problem.setStyle("-fx-text-fill: #c0392b;");
        ProgressBar bar = new ProgressBar();
        bar.setId("exportProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        Label status = wrapping("exportStatus");
        status.textProperty().bind(vm.statusProperty());

        Button export = new Button("Export");
        export.setId("exportStart");
        export.setDefaultButton(true);
        export.disableProperty().bind(vm.runningProperty().or(vm.problemProperty().isNotNull()));
        export.setOnAction(e -> vm.export());
        Button cancel = new Button("Cancel export");
        cancel.setId("exportCancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Button close = new Button("Close");
        close.setId("exportClose");
        close.disableProperty().bind(vm.runningProperty());
        close.setOnAction(e -> stage.close());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, export, cancel, gap, close);

        VBox box = new VBox(10, form, summary, problem, bar, status, buttons);
        box.setPadding(new Insets(14));
        return box;
    }

    /** A slider with its value written beside it (a position alone does not say 0.70). */
    private static HBox slider(javafx.beans.property.DoubleProperty p, double min, double max) {
        Slider s = new Slider(min, max, p.get());
        s.valueProperty().bindBidirectional(p);
        s.setShowTickLabels(true);
        s.setMajorTickUnit((max - min) / 2);
        s.setPrefWidth(260);
        Label value = new Label();
        value.setMinWidth(40);
        value.textProperty().bind(Bindings.format("%.2f", p));
        return new HBox(8, s, value);
    }

    private static CheckBox check(String text, javafx.beans.property.BooleanProperty p, String id) {
        CheckBox c = new CheckBox(text);
        c.setId(id);
        c.selectedProperty().bindBidirectional(p);
        return c;
    }

    private static Spinner<Integer> spinner(javafx.beans.property.IntegerProperty p, int min, int max) {
        Spinner<Integer> s = new Spinner<>(min, max, p.get());
        s.setEditable(true);
        s.setPrefWidth(80);
        s.valueProperty().addListener((o, a, b) -> p.set(b));
        p.addListener((o, a, b) -> s.getValueFactory().setValue(b.intValue()));
        return s;
    }

    private static ComboBox<Animation> animation(javafx.beans.property.ObjectProperty<Animation> p, String id) {
        ComboBox<Animation> c = new ComboBox<>();
        c.getItems().setAll(Animation.NONE, Animation.WALK, Animation.MORPH);
        c.setId(id);
        c.valueProperty().bindBidirectional(p);
        c.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Animation a) {
                return a == null ? "" : switch (a) {
                    case NONE -> "none";
                    case WALK -> "latent walk";
                    case MORPH -> "frozen → adapted";
                };
            }

            @Override
            public Animation fromString(String s) {
                return Animation.NONE;
            }
        });
        return c;
    }

    private static Label wrapping(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }
}
