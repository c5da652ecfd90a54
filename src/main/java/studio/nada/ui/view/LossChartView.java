package studio.nada.ui.view;

import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import studio.nada.ui.viewmodel.LayerMapViewModel;

/**
 * The directional CLIP loss and the trained images' CLIP similarity to the target over
 * iterations, on one axis: both are cosines of a sort, in [0, 1] in practice.
 */
final class LossChartView {
    private LossChartView() {}

    static LineChart<Number, Number> create(LayerMapViewModel vm) {
        NumberAxis x = new NumberAxis();
        x.setLabel("iteration");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("loss / similarity");
        y.setForceZeroInRange(false);
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
                }
                for (LayerMapViewModel.LossPoint p : c.getAddedSubList()) {
                    series.getData().add(new XYChart.Data<>(p.iteration(), p.loss()));
                    similarity.getData().add(new XYChart.Data<>(p.iteration(), p.targetSimilarity()));
                }
            }
        });
        return chart;
    }
}
