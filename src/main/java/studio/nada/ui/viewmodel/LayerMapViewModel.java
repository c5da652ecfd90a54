package studio.nada.ui.viewmodel;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.nada.nada.StepResult;

/**
 * The layer map and the loss curve: one column per iteration with the layer-selection score of
 * each W+ index (null when no probe ran) and the chosen indices, and the directional loss with
 * the trained images' CLIP similarity to the target.
 */
public final class LayerMapViewModel {
    /** One iteration's column. */
    public record Column(int iteration, float[] scores, int[] chosen) {}

    /** One iteration of the loss chart: directional loss and CLIP similarity to the target. */
    public record LossPoint(int iteration, double loss, double targetSimilarity) {}

    private final ReadOnlyIntegerWrapper nLatent = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper iterations = new ReadOnlyIntegerWrapper();
    private final ObservableList<Column> columns = FXCollections.observableArrayList();
    private final ObservableList<LossPoint> loss = FXCollections.observableArrayList();
    // one read-only view each, kept: a view made per call would drop the listeners added to it
    private final ObservableList<Column> columnsView = FXCollections.unmodifiableObservableList(columns);
    private final ObservableList<LossPoint> lossView = FXCollections.unmodifiableObservableList(loss);

    public ReadOnlyIntegerProperty nLatentProperty() {
        return nLatent.getReadOnlyProperty();
    }

    /** The run's length in iterations (0 before a run): the chart's x axis ends there. */
    public ReadOnlyIntegerProperty iterationsProperty() {
        return iterations.getReadOnlyProperty();
    }

    public ObservableList<Column> columns() {
        return columnsView;
    }

    public ObservableList<LossPoint> loss() {
        return lossView;
    }

    void reset(int rows, int total) {
        iterations.set(total);
        nLatent.set(rows);
        columns.clear();
        loss.clear();
    }

    void add(StepResult r) {
        columns.add(new Column(r.iteration(), r.layerScores() == null ? null : r.layerScores().clone(),
                r.chosenIndices().clone()));
        loss.add(new LossPoint(r.iteration(), r.loss(), r.targetSimilarity()));
    }
}
