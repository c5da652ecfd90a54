package studio.nada.ui.view;

import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.util.Duration;
import studio.nada.nada.SynthesisLayers;
import studio.nada.ui.viewmodel.LayerMapViewModel;

/**
 * The layer map: rows = W+ layers, columns = iterations, color = the layer-selection score (scaled
 * to each iteration's highest), a dot on the chosen layers; hovering tells layer, iteration, score.
 */
final class LayerMapView extends Pane {
    private static final double LABELS = 250;
    private static final double ROW = 16;
    private final LayerMapViewModel vm;
    private final Canvas canvas = new Canvas();
    private final Tooltip tip = new Tooltip();

    LayerMapView(LayerMapViewModel vm) {
        this.vm = vm;
        setId("layerMap");
        getChildren().add(canvas);
        tip.setShowDelay(Duration.millis(100));
        Tooltip.install(canvas, tip);
        canvas.setOnMouseMoved(e -> tip.setText(describeAt(e.getX(), e.getY())));
        vm.columns().addListener((ListChangeListener<LayerMapViewModel.Column>) c -> draw());
        vm.nLatentProperty().addListener((o, a, b) -> draw());
        widthProperty().addListener((o, a, b) -> draw());
        setMinHeight(ROW * 4);
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(Math.max(getHeight(), ROW * Math.max(1, vm.nLatentProperty().get()) + 4));
        draw();
    }

    @Override
    protected double computePrefHeight(double width) {
        return ROW * Math.max(4, vm.nLatentProperty().get()) + 8;
    }

    private double columnWidth() {
        int n = Math.max(1, vm.columns().size());
        return Math.max(1, Math.min(12, (canvas.getWidth() - LABELS - 4) / n));
    }

    /** What the mouse is over, in words (empty outside the cells). */
    String describeAt(double x, double y) {
        int row = (int) (y / ROW);
        int col = (int) ((x - LABELS) / columnWidth());
        List<LayerMapViewModel.Column> cols = vm.columns();
        if (x < LABELS || row < 0 || row >= vm.nLatentProperty().get() || col < 0 || col >= cols.size()) {
            return row >= 0 && row < vm.nLatentProperty().get() ? SynthesisLayers.describeIndex(row, vm.nLatentProperty().get()) : "";
        }
        LayerMapViewModel.Column c = cols.get(col);
        boolean chosen = java.util.Arrays.stream(c.chosen()).anyMatch(j -> j == row);
        String score = c.scores() == null ? "no probe (all layers trained)"
                : String.format(Locale.ROOT, "score %.3g", c.scores()[row]);
        return SynthesisLayers.describeIndex(row, vm.nLatentProperty().get()) + "\niteration " + c.iteration() + "\n" + score
                + (chosen ? "\nchosen" : "");
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#1e2129"));
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        int rows = vm.nLatentProperty().get();
        g.setFill(Color.web("#c9d1d9"));
        for (int j = 0; j < rows; j++) {
            g.fillText(SynthesisLayers.describeIndex(j, vm.nLatentProperty().get()), 6, j * ROW + 12);
        }
        double w = columnWidth();
        List<LayerMapViewModel.Column> cols = vm.columns();
        for (int i = 0; i < cols.size(); i++) {
            LayerMapViewModel.Column c = cols.get(i);
            float max = 0;
            if (c.scores() != null) {
                for (float s : c.scores()) {
                    max = Math.max(max, s);
                }
            }
            double x = LABELS + i * w;
            for (int j = 0; j < rows; j++) {
                double v = c.scores() == null || max <= 0 || j >= c.scores().length ? -1 : c.scores()[j] / max;
                g.setFill(v < 0 ? Color.web("#3a3f4b") : ramp(v));
                g.fillRect(x, j * ROW + 1, Math.max(1, w - (w > 3 ? 1 : 0)), ROW - 2);
            }
            g.setFill(Color.WHITE);
            for (int j : c.chosen()) {
                if (j < rows && w >= 3) {
                    double d = Math.min(w - 1, 5);
                    g.fillOval(x + (w - d) / 2 - 0.5, j * ROW + (ROW - d) / 2, d, d);
                }
            }
        }
    }

    /** A dark-blue → teal → yellow ramp (viridis-like). */
    private static Color ramp(double v) {
        double t = Math.max(0, Math.min(1, v));
        return t < 0.5 ? Color.web("#2c2f73").interpolate(Color.web("#1f9e89"), t * 2)
                : Color.web("#1f9e89").interpolate(Color.web("#fde725"), (t - 0.5) * 2);
    }
}
