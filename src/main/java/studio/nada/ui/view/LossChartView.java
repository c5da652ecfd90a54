package studio.nada.ui.view;

import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import studio.nada.ui.viewmodel.LayerMapViewModel;

/**
 * The directional CLIP loss and the trained images' CLIP similarity to the target over
 * iterations, on one axis: both are cosines of a sort, in [0, 1] in practice. The axes range
 * themselves in steps ({@link StepRange}) rather than by JavaFX's auto-ranging, which recomputed
 * and re-measured every tick label at each new point and held the FX thread for up to 50 ms.
 */
final class LossChartView {
    private LossChartView() {}

    static LineChart<Number, Number> create(LayerMapViewModel vm) {
        NumberAxis x = new NumberAxis(0, StepRange.FIRST_ITERATIONS, StepRange.FIRST_ITERATIONS / 10.0);
        x.setLabel("iteration");
        x.setAutoRanging(false);
        NumberAxis y = new NumberAxis(0, 1, 0.1);
        y.setLabel("loss / similarity");
        y.setAutoRanging(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("lossChart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(true);
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName("directional loss");
        XYChart.Series<Number, Number> similarity = new XYChart.Series<>();
        similarity.setName("CLIP similarity to target");
        chart.getData().add(series);
        chart.getData().add(similarity);
        vm.loss().addListener((ListChangeListener<LayerMapViewModel.LossPoint>) c -> {
            while (c.next()) {
                if (c.wasRemoved() && vm.loss().isEmpty()) {
                    series.getData().clear();
                    similarity.getData().clear();
                    StepRange.reset(x, y);
                }
                for (LayerMapViewModel.LossPoint p : c.getAddedSubList()) {
                    StepRange.include(x, y, p.iteration(), Math.min(p.loss(), p.targetSimilarity()),
                            Math.max(p.loss(), p.targetSimilarity()));
                    series.getData().add(new XYChart.Data<>(p.iteration(), p.loss()));
                    similarity.getData().add(new XYChart.Data<>(p.iteration(), p.targetSimilarity()));
                }
            }
        });
        return chart;
    }

    /** Axis bounds that grow in coarse steps, so the tick marks change a few times per run. */
    static final class StepRange {
        static final int FIRST_ITERATIONS = 20;

        private StepRange() {}

        static void reset(NumberAxis x, NumberAxis y) {
            set(x, 0, FIRST_ITERATIONS);
            set(y, 0, 1);
        }

        static void include(NumberAxis x, NumberAxis y, int iteration, double low, double high) {
            if (iteration > x.getUpperBound()) {
                set(x, 0, 2 * Math.max(iteration, x.getUpperBound()));
            }
            if (Double.isFinite(high) && high > y.getUpperBound()) {
                set(y, y.getLowerBound(), Math.ceil(high * 2) / 2);
            }
            if (Double.isFinite(low) && low < y.getLowerBound()) {
                set(y, Math.floor(low * 2) / 2, y.getUpperBound());
            }
        }

        private static void set(NumberAxis axis, double lower, double upper) {
            axis.setLowerBound(lower);
            axis.setUpperBound(upper);
            axis.setTickUnit((upper - lower) / 10);
        }
    }
}
