package studio.nada.ui.view;

import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import studio.nada.ui.viewmodel.LayerMapViewModel;

/** The directional CLIP loss over iterations. */
final class LossChartView {
    private LossChartView() {}

    static LineChart<Number, Number> create(LayerMapViewModel vm) {
        NumberAxis x = new NumberAxis();
        x.setLabel("iteration");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("directional loss");
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("lossChart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        chart.getData().add(series);
        vm.loss().addListener((ListChangeListener<LayerMapViewModel.LossPoint>) c -> {
            while (c.next()) {
                if (c.wasRemoved() && vm.loss().isEmpty()) {
                    series.getData().clear();
                }
                for (LayerMapViewModel.LossPoint p : c.getAddedSubList()) {
                    series.getData().add(new XYChart.Data<>(p.iteration(), p.loss()));
                }
            }
        });
        return chart;
    }
}
