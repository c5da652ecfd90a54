package studio.nada.ui.viewmodel;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import studio.nada.nada.LayerMapping;
import studio.nada.nada.NadaConfig;
import studio.nada.nada.PhasePreset;
import studio.nada.nada.RecommendedSettings;
import studio.nada.ui.service.Settings;

/**
 * The run's advanced settings (the property sheet): what NadaConfig and RunOptions are made of.
 * The NADA fields start from the loaded model set's recommendation; each can be changed, the
 * sheet shows which differ from it, and {@link #resetToRecommended} brings them back.
 */
public final class AdvancedSettingsViewModel {
    /** The fields a model set recommends. */
    public enum Field { ITERATIONS, BATCH, LR, LAYERS_K, LAYER_MAPPING, AUTO_LAYER_ITERS, PHASE, MIXING, CLIP_WEIGHTS }

    private final IntegerProperty iterations = new SimpleIntegerProperty();
    private final IntegerProperty batch = new SimpleIntegerProperty();
    private final IntegerProperty layersK = new SimpleIntegerProperty();
    private final ObjectProperty<LayerMapping> layerMapping = new SimpleObjectProperty<>();
    private final IntegerProperty autoLayerIters = new SimpleIntegerProperty();
    private final ObjectProperty<PhasePreset> phase = new SimpleObjectProperty<>(PhasePreset.NONE);
    private final DoubleProperty lr = new SimpleDoubleProperty();
    private final DoubleProperty mixing = new SimpleDoubleProperty();
    private final StringProperty clipWeights = new SimpleStringProperty("");
    private final LongProperty seed = new SimpleLongProperty(0);
    private final IntegerProperty previewEvery = new SimpleIntegerProperty(10);
    private final IntegerProperty checkpointEvery = new SimpleIntegerProperty(50);
    private final ReadOnlyObjectWrapper<RecommendedSettings> recommended =
            new ReadOnlyObjectWrapper<>(RecommendedSettings.paperDefaults());
    /** The loaded set's settings for any prompt; {@link #recommended} is them for the prompt typed. */
    private RecommendedSettings modelSet = RecommendedSettings.paperDefaults();
    private String source;
    private String target;
    private final javafx.beans.property.ReadOnlyBooleanWrapper locked = new javafx.beans.property.ReadOnlyBooleanWrapper();
    private final Map<Field, BooleanBinding> differs = new EnumMap<>(Field.class);
    private final BooleanBinding anyDiffers;

    public AdvancedSettingsViewModel() {
        for (Field f : Field.values()) {
            differs.put(f, Bindings.createBooleanBinding(() -> !Objects.equals(value(f), recommendedValue(f)),
                    property(f), recommended));
        }
        anyDiffers = Bindings.createBooleanBinding(() -> differs.values().stream().anyMatch(BooleanBinding::get),
                differs.values().toArray(Observable[]::new));
        resetToRecommended();
    }

    /** True while a run is going: a run reads its settings once, at its start, so the sheet is locked. */
    public javafx.beans.property.ReadOnlyBooleanProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }

    void setLocked(boolean value) {
        locked.set(value);
    }

    /** The loaded model set's recommendation (the paper's until one is loaded). */
    public ReadOnlyObjectProperty<RecommendedSettings> recommendedProperty() {
        return recommended.getReadOnlyProperty();
    }

    /** A model set became current: every recommended field takes its value (for the prompt typed). */
    public void apply(RecommendedSettings settings) {
        modelSet = Objects.requireNonNull(settings);
        recommended.set(settings.forPrompt(source, target));
        resetToRecommended();
    }

    /**
     * The prompt changed: where the set recommends other settings for it (a suggestion's own),
     * they become the recommendation, and each field still at the old recommendation follows; a
     * value the user typed stays.
     */
    public void promptChanged(String source, String target) {
        this.source = source;
        this.target = target;
        RecommendedSettings old = recommended.get();
        RecommendedSettings now = modelSet.forPrompt(source, target);
        if (now.equals(old)) {
            return;
        }
        // the fields still at the old recommendation follow; the floor and hold toConfig reads itself
        List<Field> follow = java.util.Arrays.stream(Field.values()).filter(f -> !differs(f).get()).toList();
        recommended.set(now);
        for (Field f : follow) {
            reset(f, now);
        }
    }

    /** Every recommended field back to the recommendation; seed and intervals stay. */
    public void resetToRecommended() {
        for (Field f : Field.values()) {
            reset(f, recommended.get());
        }
    }

    private void reset(Field f, RecommendedSettings r) {
        switch (f) {
            case ITERATIONS -> iterations.set(r.iterations());
            case BATCH -> batch.set(r.batch());
            case LR -> lr.set(r.lr());
            case LAYERS_K -> layersK.set(r.layersK());
            case LAYER_MAPPING -> layerMapping.set(r.layerMapping());
            case AUTO_LAYER_ITERS -> autoLayerIters.set(r.autoLayerIters());
            case PHASE -> phase.set(r.phase());
            case MIXING -> mixing.set(r.mixing());
            case CLIP_WEIGHTS -> clipWeights.set(format(r.clipWeights()));
        }
    }

    /** Whether a field's value is not the recommended one. */
    public BooleanBinding differs(Field field) {
        return differs.get(field);
    }

    /** Whether any field differs (what "Reset to recommended" would change). */
    public BooleanBinding anyDiffers() {
        return anyDiffers;
    }

    /** The recommended value as a person reads it, e.g. "0.005" or "consumer". */
    public String recommendedText(Field field) {
        Object v = recommendedValue(field);
        if (v instanceof Double d) {
            return RecommendedSettings.number(d);
        }
        if (field == Field.CLIP_WEIGHTS) {
            return recommended.get().clipWeights().isEmpty() ? "1 each" : format(recommended.get().clipWeights());
        }
        if (field == Field.LAYERS_K && Integer.valueOf(0).equals(v)) {
            return "0 (all layers)";
        }
        if (v instanceof LayerMapping m) {
            return words(m);
        }
        if (v instanceof PhasePreset p) {
            return words(p);
        }
        return v.toString().toLowerCase(java.util.Locale.ROOT);
    }

    /** A layer mapping as the sheet names it: what it trains, not its constant's name. */
    public static String words(LayerMapping m) {
        return m == LayerMapping.UPSTREAM ? "as in the paper" : "those reading it";
    }

    /** A fixed layer set as the sheet names it. */
    public static String words(PhasePreset p) {
        return switch (p) {
            case STYLES -> "style affines";
            case DIRECTION -> "code direction";
            default -> p.id().replace('_', ' ');
        };
    }

    public IntegerProperty autoLayerItersProperty() {
        return autoLayerIters;
    }

    /** The fixed layer set trained when the probe is off (0 probe steps). */
    public ObjectProperty<PhasePreset> phaseProperty() {
        return phase;
    }

    public DoubleProperty mixingProperty() {
        return mixing;
    }

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
        // the probe's batch, the direction floor, the source pool, the hold, the contrast view and annealing are the model set's
        // (its suggestion's, where the prompt is one), not fields of the sheet
        RecommendedSettings own = modelSet.forPrompt(source, target);
        return new NadaConfig(source, target, iterations.get(), batch.get(), layersK.get(), autoLayerIters.get(),
                own.autoLayerBatch(),
                layerMapping.get() == null ? LayerMapping.UPSTREAM : layerMapping.get(),
                phase.get() == null ? PhasePreset.NONE : phase.get(), lr.get(),
                mixing.get(), seed.get(), true, own.directionFloor(), own.sourcePool(), own.holdWeight(),
                own.holdBackground(), own.contrastView(), own.anneal());
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

    /** What the studio remembers; the recommended fields come from the model set instead. */
    public void load(Settings s) {
        seed.set(s.seed());
        previewEvery.set(s.previewEvery());
        checkpointEvery.set(s.checkpointEvery());
    }

    private Observable property(Field f) {
        return switch (f) {
            case ITERATIONS -> iterations;
            case BATCH -> batch;
            case LR -> lr;
            case LAYERS_K -> layersK;
            case LAYER_MAPPING -> layerMapping;
            case AUTO_LAYER_ITERS -> autoLayerIters;
            case PHASE -> phase;
            case MIXING -> mixing;
            case CLIP_WEIGHTS -> clipWeights;
        };
    }

    /** The field's value, comparable with {@link #recommendedValue}; CLIP weights that do not parse stay text. */
    private Object value(Field f) {
        return switch (f) {
            case ITERATIONS -> iterations.get();
            case BATCH -> batch.get();
            case LR -> lr.get();
            case LAYERS_K -> layersK.get();
            case LAYER_MAPPING -> layerMapping.get();
            case AUTO_LAYER_ITERS -> autoLayerIters.get();
            case PHASE -> phase.get();
            case MIXING -> mixing.get();
            case CLIP_WEIGHTS -> {
                try {
                    yield parsedClipWeights();
                } catch (IllegalArgumentException e) {
                    yield clipWeights.get();
                }
            }
        };
    }

    private Object recommendedValue(Field f) {
        RecommendedSettings r = recommended.get();
        return switch (f) {
            case ITERATIONS -> r.iterations();
            case BATCH -> r.batch();
            case LR -> r.lr();
            case LAYERS_K -> r.layersK();
            case LAYER_MAPPING -> r.layerMapping();
            case AUTO_LAYER_ITERS -> r.autoLayerIters();
            case PHASE -> r.phase();
            case MIXING -> r.mixing();
            case CLIP_WEIGHTS -> r.clipWeights();
        };
    }

    private static String format(List<Double> weights) {
        return weights.stream().map(RecommendedSettings::number).collect(Collectors.joining(", "));
    }
}
