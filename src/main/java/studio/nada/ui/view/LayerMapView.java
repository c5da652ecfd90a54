package studio.nada.ui.view;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;
import studio.nada.nada.SynthesisLayers;
import studio.nada.ui.viewmodel.LayerMapViewModel;

/**
 * The layer map: rows = W+ layers, columns = iterations. With a probe (k layers per step) the color
 * is the layer-selection score (scaled to each iteration's highest) and a dot marks the trained
 * layers; with all layers trained the color is how far each layer's weights have moved. The strip
 * on the right gives the weights moved so far in either case; the legend above says which. Hover
 * tells layer, iteration, score and change in words ({@link LayerMapViewModel#describe}).
 */
final class LayerMapView extends Pane {
    private static final double LABELS = 236;
    private static final double STRIP = 96;
    private static final double ROW = 16;
    private static final Color EMPTY = Color.web("#262a33");
    private final LayerMapViewModel vm;
    private final Canvas canvas = new Canvas();
    private final Tooltip tip = new Tooltip();

    LayerMapView(LayerMapViewModel vm) {
        this.vm = vm;
        setId("layerMap");
        getChildren().add(canvas);
        tip.setShowDelay(Duration.millis(100));
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        Tooltip.install(canvas, tip);
        canvas.setOnMouseMoved(e -> tip.setText(describeAt(e.getX(), e.getY())));
        vm.columns().addListener((ListChangeListener<LayerMapViewModel.Column>) c -> draw());
        vm.changes().addListener((ListChangeListener<LayerMapViewModel.Change>) c -> draw());
        vm.nLatentProperty().addListener((o, a, b) -> draw());
        widthProperty().addListener((o, a, b) -> draw());
        setMinHeight(ROW * 4);
        vm.nLatentProperty().addListener((o, a, b) -> requestLayout());
    }

    /** The map under its legend: a color ramp and what it means now. */
    static VBox withLegend(LayerMapViewModel vm) {
        Rectangle ramp = new Rectangle(80, 10, new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE,
                new Stop(0, ramp(0)), new Stop(0.5, ramp(0.5)), new Stop(1, ramp(1))));
        Label low = new Label("0");
        Label high = new Label("max");
        low.getStyleClass().add("hint");
        high.getStyleClass().add("hint");
        Label meaning = new Label();
        meaning.setId("layerMapLegend");
        meaning.getStyleClass().add("hint");
        meaning.setWrapText(true);
        meaning.textProperty().bind(Bindings.createStringBinding(vm::legend, vm.columns(), vm.changes()));
        HBox scale = new HBox(6, low, ramp, high);
        scale.setAlignment(Pos.CENTER_LEFT);
        scale.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        meaning.setMinWidth(0);
        meaning.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        meaning.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(meaning, javafx.scene.layout.Priority.ALWAYS);
        HBox legend = new HBox(14, scale, meaning);
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.getStyleClass().add("layer-map-legend");
        // the rows scroll under the legend when the window is short (18 rows for a 1024 px generator)
        javafx.scene.control.ScrollPane rows = new javafx.scene.control.ScrollPane(new LayerMapView(vm));
        rows.setFitToWidth(true);
        rows.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        rows.getStyleClass().add("preview-scroll");
        VBox box = new VBox(4, legend, rows);
        javafx.scene.layout.VBox.setVgrow(rows, javafx.scene.layout.Priority.ALWAYS);
        return box;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(ROW * Math.max(1, vm.nLatentProperty().get()) + 4);
        draw();
    }

    @Override
    protected double computePrefHeight(double width) {
        return ROW * Math.max(4, vm.nLatentProperty().get()) + 8;
    }

    private double columnWidth() {
        return columnWidth(canvas.getWidth(), vm.columns().size());
    }

    /**
     * Up to 12 px a column; narrower than a pixel when a run has more iterations than the map has
     * pixels (each column then draws one pixel over its neighbours), so the columns never run
     * under the strip on the right; 0 when the labels and the strip take the whole width.
     */
    static double columnWidth(double canvasWidth, int columns) {
        return Math.min(12, Math.max(0, canvasWidth - LABELS - STRIP - 8) / Math.max(1, columns));
    }

    /** What the mouse is over, in words (empty outside the rows). */
    String describeAt(double x, double y) {
        int row = (int) (y / ROW);
        double w = columnWidth();
        int col = x < LABELS || w <= 0 ? -1 : (int) ((x - LABELS) / w);
        return vm.describe(row, col < vm.columns().size() ? col : -1);
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#1e2129"));
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        int rows = vm.nLatentProperty().get();
        g.setFill(Color.web("#c9d1d9"));
        for (int j = 0; j < rows; j++) {
            g.fillText(SynthesisLayers.describeIndex(j, rows), 6, j * ROW + 12);
        }
        double w = columnWidth();
        double end = LABELS + w * vm.columns().size(); // where the strip's margin begins
        List<LayerMapViewModel.Column> cols = vm.columns();
        for (int i = 0; i < cols.size() && w > 0; i++) {
            LayerMapViewModel.Column c = cols.get(i);
            float max = 0;
            if (c.scores() != null) {
                for (float s : c.scores()) {
                    max = Math.max(max, s);
                }
            }
            float[] change = c.scores() == null ? vm.changeAt(c.iteration()) : null;
            double x = LABELS + i * w;
            for (int j = 0; j < rows; j++) {
                Color fill;
                if (c.scores() != null) {
                    fill = max <= 0 || j >= c.scores().length ? EMPTY : ramp(c.scores()[j] / max);
                } else {
                    // like the scores, each preview's changes from least to most: which layers moved most then
                    fill = change == null || j >= change.length ? EMPTY : ramp(spread(change, change[j]));
                }
                g.setFill(fill);
                g.fillRect(x, j * ROW + 1, Math.min(Math.max(1, w - (w > 3 ? 1 : 0)), end - x), ROW - 2);
            }
            if (c.scores() != null) {
                g.setFill(Color.WHITE);
                for (int j : c.chosen()) {
                    if (j < rows && w >= 3) {
                        double d = Math.min(w - 1, 5);
                        g.fillOval(x + (w - d) / 2 - 0.5, j * ROW + (ROW - d) / 2, d, d);
                    }
                }
            }
        }
        drawStrip(g, rows);
    }

    /** The right strip: each row's weights moved so far, a bar and a percentage. */
    private void drawStrip(GraphicsContext g, int rows) {
        if (vm.changes().isEmpty()) {
            return;
        }
        float[] last = vm.changes().get(vm.changes().size() - 1).relative();
        float[] range = vm.latestRange();
        double x0 = canvas.getWidth() - STRIP;
        for (int j = 0; j < rows && j < last.length; j++) {
            // bars from the smallest (a stub) to the largest change now: the differences between layers show
            double frac = range[1] <= range[0] ? 1 : 0.1 + 0.9 * (last[j] - range[0]) / (range[1] - range[0]);
            g.setFill(ramp(spread(last, last[j])));
            g.fillRect(x0, j * ROW + 3, Math.max(1, 36 * frac), ROW - 6);
            g.setFill(Color.web("#c9d1d9"));
            g.fillText(LayerMapViewModel.percent(last[j]), x0 + 42, j * ROW + 12);
        }
    }

    /** {@code v} between the smallest (0) and the largest (1) of {@code values}; 1 when they are all equal. */
    static double spread(float[] values, float v) {
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        for (float x : values) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return hi > lo ? (v - lo) / (hi - lo) : 1;
    }

    /** A dark-blue → teal → yellow ramp (viridis-like). */
    private static Color ramp(double v) {
        double t = Math.max(0, Math.min(1, v));
        return t < 0.5 ? Color.web("#2c2f73").interpolate(Color.web("#1f9e89"), t * 2)
                : Color.web("#1f9e89").interpolate(Color.web("#fde725"), (t - 0.5) * 2);
    }
}
