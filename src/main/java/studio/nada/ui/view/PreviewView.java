package studio.nada.ui.view;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import studio.nada.ui.viewmodel.PreviewViewModel;

/** The live preview grid (frozen | trained per seed), the sliders and the seed field. */
final class PreviewView {
    static final double CELL = 112;

    private PreviewView() {}

    static BorderPane create(PreviewViewModel vm) {
        TilePane grid = new TilePane(12, 12);
        grid.setId("previewGrid");
        grid.setPrefColumns(3);
        grid.getStyleClass().add("preview-grid");
        List<Cell> cells = new ArrayList<>();
        vm.cellsProperty().addListener((o, a, b) -> show(grid, cells, b));

        Slider strength = slider("strength", 0, 1, vm.strengthProperty().get());
        strength.valueProperty().bindBidirectional(vm.strengthProperty());
        Slider truncation = slider("truncation", 0.3, 1, vm.truncationProperty().get());
        truncation.valueProperty().bindBidirectional(vm.truncationProperty());
        TextField seeds = new TextField();
        seeds.setId("seeds");
        seeds.setPrefColumnCount(10);
        seeds.textProperty().bindBidirectional(vm.seedsProperty());
        seeds.setTooltip(new Tooltip("seeds shown: 0-5 or 3,17,42 (at most " + PreviewViewModel.MAX_SEEDS + ")"));
        Button newSeeds = Icons.with(new Button("New seeds"), "mdi2d-dice-5");
        newSeeds.setId("newSeeds");
        newSeeds.setOnAction(e -> vm.newSeeds());
        HBox controls = new HBox(10, new Label("Domain strength"), strength, new Label("Truncation ψ"), truncation,
                new Label("Seeds"), seeds, newSeeds);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.getStyleClass().add("preview-controls");
        Label heading = new Label("Live preview  ·  frozen | adapted");
        heading.getStyleClass().add("section-title");
        BorderPane pane = new BorderPane(grid, heading, null, controls, null);
        pane.getStyleClass().add("panel");
        return pane;
    }

    private static Slider slider(String id, double min, double max, double value) {
        Slider s = new Slider(min, max, value);
        s.setId(id);
        s.setPrefWidth(150);
        s.setShowTickMarks(true);
        s.setMajorTickUnit((max - min) / 2);
        return s;
    }

    private static void show(TilePane grid, List<Cell> cells, List<PreviewViewModel.Cell> data) {
        if (cells.size() != data.size()) {
            cells.clear();
            grid.getChildren().clear();
            for (int i = 0; i < data.size(); i++) {
                Cell c = new Cell();
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
        final ImageView frozen = view();
        final ImageView trained = view();
        final Label seed = new Label();
        final VBox box = new VBox(4, new HBox(4, frozen, trained), seed);
        PreviewViewModel.Cell data;

        Cell() {
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
            seed.setText("seed " + d.seed());
        }

        private static ImageView view() {
            ImageView v = new ImageView();
            v.setFitWidth(CELL);
            v.setFitHeight(CELL);
            v.setPreserveRatio(true);
            v.setSmooth(false);
            v.getStyleClass().add("preview-image");
            return v;
        }
    }
}
