package studio.nada.ui.view;

import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;
import studio.nada.ui.viewmodel.LayerMapViewModel;

/**
 * The directional CLIP loss and the adapted images' CLIP similarity to the target over iterations,
 * as two small charts one above the other (their scales differ: a loss summed over CLIP models
 * can pass 1, a similarity is a cosine), sharing one legend whose swatches are the lines' colors.
 * The x axis runs from 0 to the run's length in whole iterations. The axes range themselves in
 * steps ({@link Ranges}) rather than by JavaFX's auto-ranging, which recomputed and re-measured
 * every tick label at each new point and held the FX thread for up to 50 ms.
 */
final class LossChartView {
    static final Color LOSS = Color.web("#5b8def");
    static final Color SIMILARITY = Color.web("#e3b341");
    /** The x axis before a run says how long it is. */
    static final int FIRST_ITERATIONS = 20;

    private LossChartView() {}

    static VBox create(LayerMapViewModel vm) {
        LineChart<Number, Number> loss = chart("lossChart", "directional loss", LOSS);
        LineChart<Number, Number> similarity = chart("similarityChart", "similarity", SIMILARITY);
        XYChart.Series<Number, Number> lossLine = loss.getData().get(0);
        XYChart.Series<Number, Number> similarityLine = similarity.getData().get(0);
        vm.iterationsProperty().addListener((o, a, b) -> {
            setIterations((NumberAxis) loss.getXAxis(), b.intValue());
            setIterations((NumberAxis) similarity.getXAxis(), b.intValue());
        });
        vm.loss().addListener((ListChangeListener<LayerMapViewModel.LossPoint>) c -> {
            while (c.next()) {
                if (c.wasRemoved() && vm.loss().isEmpty()) {
                    lossLine.getData().clear();
                    similarityLine.getData().clear();
                    Ranges.resetY((NumberAxis) loss.getYAxis());
                    Ranges.resetY((NumberAxis) similarity.getYAxis());
                }
                for (LayerMapViewModel.LossPoint p : c.getAddedSubList()) {
                    add(loss, lossLine, p.iteration(), p.loss(), lossLine.getData().isEmpty());
                    add(similarity, similarityLine, p.iteration(), p.targetSimilarity(),
                            similarityLine.getData().isEmpty());
                }
            }
        });
        HBox legend = new HBox(16, swatch("legendLoss", "directional loss", LOSS),
                swatch("legendSimilarity", "similarity to the target", SIMILARITY));
        legend.getStyleClass().add("chart-legend-row");
        VBox box = new VBox(2, legend, loss, similarity);
        box.setId("lossCharts");
        VBox.setVgrow(loss, Priority.ALWAYS);
        VBox.setVgrow(similarity, Priority.ALWAYS);
        return box;
    }

    private static void add(LineChart<Number, Number> chart, XYChart.Series<Number, Number> line, int iteration,
            double value, boolean first) {
        NumberAxis x = (NumberAxis) chart.getXAxis();
        if (iteration > x.getUpperBound()) {
            setIterations(x, iteration);
        }
        Ranges.includeY((NumberAxis) chart.getYAxis(), value, first);
        line.getData().add(new XYChart.Data<>(iteration, value));
    }

    private static LineChart<Number, Number> chart(String id, String yLabel, Color color) {
        NumberAxis x = new NumberAxis();
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return Long.toString(Math.round(n.doubleValue()));
            }

            @Override
            public Number fromString(String s) {
                return Double.valueOf(s);
            }
        });
        setIterations(x, FIRST_ITERATIONS);
        NumberAxis y = new NumberAxis();
        // no axis title: a rotated one needs more height than the small charts have; the legend names them
        y.setAutoRanging(false);
        y.setMinorTickVisible(false);
        y.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return String.format(Locale.ROOT, "%.2f", n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return Double.valueOf(s);
            }
        });
        Ranges.resetY(y);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId(id);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setMinHeight(80);
        chart.getStyleClass().add("small-chart");
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(yLabel);
        chart.getData().add(series);
        // the line's node exists once the series is in the chart; its color is the legend's
        series.getNode().setStyle("-fx-stroke: " + web(color) + "; -fx-stroke-width: 1.6px;");
        return chart;
    }

    private static Label swatch(String id, String text, Color color) {
        Rectangle r = new Rectangle(14, 4, color);
        Label l = new Label(text, r);
        l.setId(id);
        l.getStyleClass().add("hint");
        return l;
    }

    static String web(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    private static void setIterations(NumberAxis x, int total) {
        int t = Math.max(1, total);
        x.setLowerBound(0);
        x.setUpperBound(t);
        x.setTickUnit(Ranges.iterationTick(t));
    }

    /** Axis ranges in whole iterations and in coarse value steps, so ticks change a few times per run. */
    static final class Ranges {
        private Ranges() {}

        /** 1, 2 or 5 times a power of ten: at most 10 ticks from 0 to {@code total}. */
        static int iterationTick(int total) {
            for (int unit = 1; ; unit *= 10) {
                for (int m : new int[] {1, 2, 5}) {
                    if ((double) total / (unit * m) <= 10) {
                        return unit * m;
                    }
                }
            }
        }

        static void resetY(NumberAxis y) {
            setY(y, 0, 1);
        }

        /** Takes in {@code v}; the first value of a run sets the range around itself. */
        static void includeY(NumberAxis y, double v, boolean first) {
            if (!Double.isFinite(v)) {
                return;
            }
            double lo = Math.floor(v * 10) / 10;
            double hi = Math.ceil(v * 10) / 10;
            if (hi - lo < 0.1) {
                hi = lo + 0.1;
            }
            if (first) {
                setY(y, lo, hi);
            } else if (v < y.getLowerBound() || v > y.getUpperBound()) {
                setY(y, Math.min(lo, y.getLowerBound()), Math.max(hi, y.getUpperBound()));
            }
        }

        private static void setY(NumberAxis y, double lower, double upper) {
            y.setLowerBound(lower);
            y.setUpperBound(upper);
            double span = upper - lower;
            y.setTickUnit(span <= 0.2 ? 0.05 : span <= 0.5 ? 0.1 : span <= 1 ? 0.25 : span <= 2 ? 0.5 : Math.ceil(span / 4));
        }
    }
}
