package studio.nada.ui.viewmodel;

import java.util.List;

import java.util.Arrays;
import java.util.Locale;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.nada.nada.StepResult;
import studio.nada.nada.SynthesisLayers;

/**
 * The layer map and the loss curve: one column per iteration with the layer-selection score of
 * each W+ index (null when no probe ran, i.e. all layers trained) and the chosen indices; how far
 * each W+ layer's weights have moved (‖w − w₀‖ / ‖w₀‖, at preview iterations), so the map
 * explains a run with or without a probe; and the directional loss with the trained images' CLIP
 * similarity to the target.
 */
public final class LayerMapViewModel {
    /** One iteration's column. */
    public record Column(int iteration, float[] scores, int[] chosen) {}

    /** One iteration of the loss chart: directional loss and CLIP similarity to the target. */
    public record LossPoint(int iteration, double loss, double targetSimilarity) {}

    /** How far each W+ layer's weights had moved at {@code iteration}, relative to their size. */
    public record Change(int iteration, float[] relative) {}

    private String trained = "All layers train";
    private final ReadOnlyIntegerWrapper nLatent = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper iterations = new ReadOnlyIntegerWrapper();
    private final ObservableList<Column> columns = FXCollections.observableArrayList();
    private final ObservableList<LossPoint> loss = FXCollections.observableArrayList();
    private final ObservableList<Change> changes = FXCollections.observableArrayList();
    // one read-only view each, kept: a view made per call would drop the listeners added to it
    private final ObservableList<Column> columnsView = FXCollections.unmodifiableObservableList(columns);
    private final ObservableList<LossPoint> lossView = FXCollections.unmodifiableObservableList(loss);
    private final ObservableList<Change> changesView = FXCollections.unmodifiableObservableList(changes);

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

    /** The weight changes so far, oldest first. */
    public ObservableList<Change> changes() {
        return changesView;
    }

    /** Which layers the run trains without a probe, for the legend: every one, or a fixed set. */
    void trains(studio.nada.nada.NadaConfig config) {
        trained = config.autoLayerIters() != 0 ? "All layers train"
                : config.phase() == studio.nada.nada.PhasePreset.STYLES ? "Only the style affines train"
                : config.phase() == studio.nada.nada.PhasePreset.DIRECTION ? "The style affines move along the codes' own direction"
                : "The " + AdvancedSettingsViewModel.words(config.phase()) + " layers train";
    }

    /** Empties the map and the chart (a new run, another model: the old map explains nothing now). */
    public void clear() {
        reset(0, 0);
    }

    void reset(int rows, int total) {
        iterations.set(total);
        nLatent.set(rows);
        columns.clear();
        loss.clear();
        changes.clear();
    }

    /** The map and charts of a reopened session. */
    void restore(int rows, int total, List<Column> cols, List<LossPoint> points, List<Change> moved) {
        reset(rows, total);
        columns.setAll(cols);
        loss.setAll(points);
        changes.setAll(moved);
    }

    /** Drops what came after {@code iteration} (a run continued from its checkpoint redoes those steps). */
    void truncate(int iteration) {
        columns.removeIf(c -> c.iteration() > iteration);
        loss.removeIf(p -> p.iteration() > iteration);
        changes.removeIf(c -> c.iteration() > iteration);
    }

    void add(StepResult r) {
        columns.add(new Column(r.iteration(), r.layerScores() == null ? null : r.layerScores().clone(),
                r.chosenIndices().clone()));
        loss.add(new LossPoint(r.iteration(), r.loss(), r.targetSimilarity()));
    }

    void addChange(int iteration, float[] relative) {
        changes.add(new Change(iteration, relative.clone()));
    }

    /** The newest change at or before {@code iteration}, or null. */
    public float[] changeAt(int iteration) {
        float[] out = null;
        for (Change c : changes) {
            if (c.iteration() <= iteration) {
                out = c.relative();
            } else {
                break;
            }
        }
        return out;
    }

    /** The largest change so far (0 before any): the map's color scale in change mode. */
    public float maxChange() {
        float max = 0;
        for (Change c : changes) {
            for (float v : c.relative()) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    /** The newest change's smallest and largest values ({0, 0} before any): the strip's bar scale. */
    public float[] latestRange() {
        if (changes.isEmpty()) {
            return new float[] {0, 0};
        }
        float lo = Float.MAX_VALUE;
        float hi = 0;
        for (float v : changes.get(changes.size() - 1).relative()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new float[] {lo, hi};
    }

    /** True when the run trains all layers (no probe): the cells show weight change, not scores. */
    public boolean showsChange() {
        return !columns.isEmpty() && columns.get(columns.size() - 1).scores() == null;
    }

    /** What the legend says the colors mean. */
    public String legend() {
        if (columns.isEmpty()) {
            return "Adapt to see which layers train: a row per W+ layer, a column per iteration";
        }
        return showsChange()
                ? trained + " · color = weights moved, ‖w − w₀‖ / ‖w₀‖, least to most per preview · right: now"
                : "Color = probe score (of the step's highest) · dot = trained · right: weights moved, "
                        + percent(latestRange()[0]) + " to " + percent(latestRange()[1]);
    }

    /** The hover text for W+ row {@code row} at column {@code col} (col outside the columns: the row alone). */
    public String describe(int row, int col) {
        int rows = nLatent.get();
        if (row < 0 || row >= rows) {
            return "";
        }
        StringBuilder b = new StringBuilder("Layer ").append(SynthesisLayers.describeIndex(row, rows));
        if (col >= 0 && col < columns.size()) {
            Column c = columns.get(col);
            b.append("\nIteration ").append(c.iteration());
            if (c.scores() != null && row < c.scores().length) {
                float max = 0;
                for (float s : c.scores()) {
                    max = Math.max(max, s);
                }
                int rank = 1;
                for (float s : c.scores()) {
                    rank += s > c.scores()[row] ? 1 : 0;
                }
                b.append(String.format(Locale.ROOT, "\nProbe score: %.0f%% of this step's highest (rank %d of %d)",
                        max > 0 ? 100 * c.scores()[row] / max : 0, rank, c.scores().length));
            }
            boolean chosen = Arrays.stream(c.chosen()).anyMatch(j -> j == row);
            b.append(c.scores() == null ? "\nTrained (all layers train)" : chosen ? "\nTrained at this step" : "\nNot trained at this step");
            float[] change = changeAt(c.iteration());
            if (change != null && row < change.length) {
                b.append("\nWeights moved by ").append(percent(change[row])).append(" of their size (by iteration ")
                        .append(lastChangeIteration(c.iteration())).append(")");
            }
        } else if (!changes.isEmpty()) {
            float[] last = changes.get(changes.size() - 1).relative();
            if (row < last.length) {
                b.append("\nWeights moved by ").append(percent(last[row])).append(" of their size");
            }
        }
        return b.toString();
    }

    private int lastChangeIteration(int iteration) {
        int it = 0;
        for (Change c : changes) {
            if (c.iteration() <= iteration) {
                it = c.iteration();
            }
        }
        return it;
    }

    /** 0.0342 → "3.4%"; small ones keep a significant digit ("0.012%"). */
    public static String percent(double fraction) {
        double p = 100 * fraction;
        return p == 0 ? "0%" : p >= 10 ? String.format(Locale.ROOT, "%.0f%%", p)
                : p >= 1 ? String.format(Locale.ROOT, "%.1f%%", p) : p >= 0.1 ? String.format(Locale.ROOT, "%.2f%%", p)
                : String.format(Locale.ROOT, "%.2g%%", p);
    }
}
