package studio.nada.ui.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import studio.nada.ui.viewmodel.PreviewViewModel;

/**
 * The live preview: heading, sliders and seed field on top (always visible, wrapping when narrow),
 * the grid (frozen | adapted per seed) below in a scroll pane; tiles grow with the space there is
 * ({@link TileLayout}).
 */
final class PreviewView {
    /** The strength at which the adapted generator is drawn as trained; above it extrapolates. */
    static final double STRENGTH_MAX = 1.5;

    private PreviewView() {}

    static BorderPane create(PreviewViewModel vm) {
        TilePane grid = new TilePane(TileLayout.GAP, TileLayout.GAP);
        grid.setId("previewGrid");
        grid.setPrefColumns(3);
        grid.getStyleClass().add("preview-grid");
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setId("previewScroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("preview-scroll");
        DoubleProperty side = new SimpleDoubleProperty(TileLayout.MIN);
        List<Cell> cells = new ArrayList<>();
        Runnable relayout = () -> {
            var b = scroll.getViewportBounds();
            TileLayout.Tiles t = TileLayout.fit(cells.size(), b.getWidth(), b.getHeight());
            grid.setPrefColumns(t.columns());
            if (Math.abs(side.get() - t.image()) >= 1) {
                side.set(t.image());
            }
        };
        scroll.viewportBoundsProperty().addListener((o, a, b) -> relayout.run());
        vm.cellsProperty().addListener((o, a, b) -> {
            show(grid, cells, b, side);
            relayout.run();
        });

        Slider strength = slider("strength", 0, STRENGTH_MAX, vm.strengthProperty().get());
        strength.setMajorTickUnit(0.5);
        strength.setMinorTickCount(4);
        strength.setShowTickLabels(true);
        strength.valueProperty().bindBidirectional(vm.strengthProperty());
        strength.setTooltip(new Tooltip("0 = the original generator, 1 = the adapted one;"
                + " past 1 the change is pushed further (extrapolation)"));
        Slider truncation = slider("truncation", 0.3, 1, vm.truncationProperty().get());
        truncation.setMajorTickUnit(0.35);
        truncation.valueProperty().bindBidirectional(vm.truncationProperty());
        truncation.setTooltip(new Tooltip("Truncation ψ: lower = closer to the average image, higher = more variety"));
        TextField seeds = new TextField();
        seeds.setId("seeds");
        seeds.setPrefColumnCount(8);
        seeds.textProperty().bindBidirectional(vm.seedsProperty());
        seeds.setTooltip(new Tooltip("Seeds shown: 0-5 or 3,17,42 (at most " + PreviewViewModel.MAX_SEEDS + ")"));
        Label seedsError = new Label();
        seedsError.setId("seedsError");
        seedsError.getStyleClass().add("field-error");
        seedsError.setWrapText(true);
        seedsError.textProperty().bind(vm.seedsErrorProperty());
        seedsError.visibleProperty().bind(vm.seedsErrorProperty().isNotEmpty());
        seedsError.managedProperty().bind(seedsError.visibleProperty());
        vm.seedsErrorProperty().addListener((o, a, b) -> {
            seeds.getStyleClass().remove("error");
            if (!b.isEmpty()) {
                seeds.getStyleClass().add("error");
            }
        });
        Button newSeeds = Icons.with(new Button("New seeds"), "mdi2d-dice-5");
        newSeeds.setId("newSeeds");
        newSeeds.setOnAction(e -> vm.newSeeds());
        newSeeds.setTooltip(new Tooltip("Draw as many random seeds as are shown"));
        FlowPane controls = new FlowPane(14, 6,
                group(new Label("Domain strength"), strength, value("strengthValue", strength)),
                group(new Label("Truncation ψ"), truncation, value("truncationValue", truncation)),
                group(new Label("Seeds"), seeds, newSeeds));
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("preview-controls");

        Label heading = new Label("Live preview  ·  frozen | adapted");
        heading.getStyleClass().add("section-title");
        Label shown = new Label();
        shown.setId("seedsShown");
        shown.getStyleClass().add("hint");
        shown.textProperty().bind(vm.shownTextProperty());
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(10, heading, spacer, shown);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, head, controls, seedsError);
        BorderPane pane = new BorderPane(scroll, top, null, null, null);
        pane.getStyleClass().add("panel");
        pane.setMinHeight(0);
        return pane;
    }

    private static HBox group(javafx.scene.Node... nodes) {
        HBox box = new HBox(6, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static Label value(String id, Slider slider) {
        Label l = new Label();
        l.setId(id);
        l.setMinWidth(32);
        l.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%.2f", slider.getValue()), slider.valueProperty()));
        return l;
    }

    private static Slider slider(String id, double min, double max, double value) {
        Slider s = new Slider(min, max, value);
        s.setId(id);
        s.setPrefWidth(140);
        s.setShowTickMarks(true);
        s.setMajorTickUnit((max - min) / 2);
        return s;
    }

    private static void show(TilePane grid, List<Cell> cells, List<PreviewViewModel.Cell> data, DoubleProperty side) {
        if (cells.size() != data.size()) {
            cells.clear();
            grid.getChildren().clear();
            for (int i = 0; i < data.size(); i++) {
                Cell c = new Cell(side);
                cells.add(c);
                grid.getChildren().add(c.box);
            }
        }
        for (int i = 0; i < data.size(); i++) {
            cells.get(i).update(data.get(i));
        }
    }

    /** One seed: two image views side by side; a click opens the enlarged pair. */
    private static final class Cell {
        final ImageView frozen;
        final ImageView trained;
        final Label placeholder = new Label("adapted\nafter Adapt");
        final Label seed = new Label();
        final VBox box;
        PreviewViewModel.Cell data;

        Cell(DoubleProperty side) {
            frozen = view(side);
            trained = view(side);
            placeholder.getStyleClass().add("preview-placeholder");
            placeholder.setWrapText(true);
            placeholder.prefWidthProperty().bind(side);
            placeholder.prefHeightProperty().bind(side);
            placeholder.setAlignment(Pos.CENTER);
            placeholder.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            StackPane adapted = new StackPane(placeholder, trained);
            box = new VBox(4, new HBox(4, frozen, adapted), seed);
            box.getStyleClass().add("preview-cell");
            box.setOnMouseClicked(e -> {
                if (data != null) {
                    EnlargedView.show(box, data);
                }
            });
        }

        void update(PreviewViewModel.Cell d) {
            data = d;
            frozen.setImage(FxImages.toImage(d.frozen()));
            trained.setImage(d.trained() == null ? null : FxImages.toImage(d.trained()));
            placeholder.setVisible(d.trained() == null);
            seed.setText("seed " + d.seed());
        }

        private static ImageView view(DoubleProperty side) {
            ImageView v = new ImageView();
            v.fitWidthProperty().bind(side);
            v.fitHeightProperty().bind(side);
            v.setPreserveRatio(true);
            v.setSmooth(false);
            v.getStyleClass().add("preview-image");
            return v;
        }
    }
}
