package studio.nada.ui.viewmodel;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import studio.nada.nada.Adam;
import studio.nada.nada.LayerMapping;
import studio.nada.nada.NadaConfig;
import studio.nada.nada.PhasePreset;
import studio.nada.ui.service.Settings;

/** The run's advanced settings (the property sheet): what NadaConfig and RunOptions are made of. */
public final class AdvancedSettingsViewModel {
    private final IntegerProperty iterations = new SimpleIntegerProperty(301);
    private final IntegerProperty batch = new SimpleIntegerProperty(2);
    private final IntegerProperty layersK = new SimpleIntegerProperty(0);
    private final ObjectProperty<LayerMapping> layerMapping = new SimpleObjectProperty<>(LayerMapping.UPSTREAM);
    private final DoubleProperty lr = new SimpleDoubleProperty(Adam.Hyper.nada().lr());
    private final StringProperty clipWeights = new SimpleStringProperty("");
    private final LongProperty seed = new SimpleLongProperty(0);
    private final IntegerProperty previewEvery = new SimpleIntegerProperty(10);
    private final IntegerProperty checkpointEvery = new SimpleIntegerProperty(50);

    public IntegerProperty iterationsProperty() {
        return iterations;
    }

    public IntegerProperty batchProperty() {
        return batch;
    }

    /** Layers trained per step; 0 = all W+ layers (no probe). */
    public IntegerProperty layersKProperty() {
        return layersK;
    }

    public ObjectProperty<LayerMapping> layerMappingProperty() {
        return layerMapping;
    }

    public DoubleProperty lrProperty() {
        return lr;
    }

    /** Comma-separated, one per CLIP model of the set; blank = the set's own weights. */
    public StringProperty clipWeightsProperty() {
        return clipWeights;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public IntegerProperty previewEveryProperty() {
        return previewEvery;
    }

    public IntegerProperty checkpointEveryProperty() {
        return checkpointEvery;
    }

    /** The run configuration; throws IllegalArgumentException with a readable message when a value is wrong. */
    public NadaConfig toConfig(String source, String target) {
        if (layersK.get() < 0) {
            throw new IllegalArgumentException("Layers k must be 0 (all layers) or more, got " + layersK.get());
        }
        if (previewEvery.get() < 0 || checkpointEvery.get() < 0) {
            throw new IllegalArgumentException("Preview and checkpoint intervals must be 0 (never) or more");
        }
        return new NadaConfig(source, target, iterations.get(), batch.get(), layersK.get(), 1, 8,
                layerMapping.get() == null ? LayerMapping.UPSTREAM : layerMapping.get(), PhasePreset.NONE, lr.get(),
                0.0, seed.get(), true);
    }

    /** The CLIP weights typed in; empty = each model's default. */
    public List<Double> parsedClipWeights() {
        List<Double> out = new ArrayList<>();
        String text = clipWeights.get() == null ? "" : clipWeights.get().trim();
        if (text.isEmpty()) {
            return out;
        }
        for (String part : text.split("[,;\\s]+")) {
            double w;
            try {
                w = Double.parseDouble(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("CLIP weights are numbers separated by commas, not '" + part + "'");
            }
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("A CLIP weight must be a non-negative number, got " + part);
            }
            out.add(w);
        }
        return out;
    }

    public void load(Settings s) {
        iterations.set(s.iterations());
        batch.set(s.batch());
        layersK.set(s.layersK());
        try {
            layerMapping.set(LayerMapping.valueOf(s.layerMapping()));
        } catch (IllegalArgumentException e) {
            layerMapping.set(LayerMapping.UPSTREAM);
        }
        lr.set(s.lr());
        clipWeights.set(s.clipWeights());
        seed.set(s.seed());
        previewEvery.set(s.previewEvery());
        checkpointEvery.set(s.checkpointEvery());
    }
}
