package studio.nada.nada;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The NADA settings a model set recommends for itself, with the prompts that fit what its
 * generator draws. A model set ships them as JSON beside its models; {@code train} falls back to
 * them for every flag not given, and the studio fills its settings from them. {@code clipWeights}
 * empty means 1 for each CLIP model; {@code autoLayerBatch} is how many codes the layer probe
 * optimizes (the paper's 8; a small generator can choose its layers from fewer, in less time);
 * {@code directionFloor} floors |ΔI| in the directional loss (the paper's 0; see
 * {@link ClipLosses#directional}); with {@code sourcePool} a run trains on the share batch/pool of
 * codes CLIP reads as most like the source (the paper's 0: every code drawn; see
 * {@link SourceFilter}); with {@code holdWeight} it also holds codes that do not show the source
 * where they are (the paper's 0: off; see {@link NadaConfig#withHoldWeight}), with {@code
 * holdBackground} only their background (see {@link NadaConfig#withHoldBackground}); with {@code
 * contrastView} CLIP also reads the pictures with their departures from the background multiplied
 * by it (the paper's 0: off; see {@link NadaConfig#withContrastView}); with {@code anneal} the
 * learning rate falls to 0 over the run and each update is clipped (the paper's false: off; see
 * {@link NadaConfig#withAnneal}). {@code phase} is
 * the fixed layer set trained when {@code autoLayerIters} is 0 (see {@link PhasePreset}). A JSON
 * field left out takes the paper's value.
 */
public record RecommendedSettings(String name, int iterations, int batch, int layersK, int autoLayerIters,
        int autoLayerBatch, LayerMapping layerMapping, PhasePreset phase, double lr, double mixing, List<Double> clipWeights, String source, String target,
        List<Prompt> suggestions, double directionFloor, int sourcePool, double holdWeight, boolean holdBackground,
        double contrastView, boolean anneal) {

    /**
     * A source → target description pair. Each of {@code holdWeight}, {@code iterations},
     * {@code batch}, {@code directionFloor}, {@code lr}, {@code mixing}, {@code sourcePool} and
     * {@code holdBackground}, {@code contrastView} and {@code anneal}, where not null, is the value this change
     * works best with (as the paper tuned its settings per domain), over the set's; a {@code phase}
     * trains that fixed layer set, without the probe, whatever the set's layer choice. With
     * {@code listed} false the change keeps its settings for whoever types it, but the studio does
     * not offer it (it does not reach its target reliably enough to suggest).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Prompt(String source, String target, Double holdWeight, Integer iterations, Integer batch,
            Double directionFloor, Double lr, String phase, Boolean listed, Integer sourcePool, Boolean holdBackground,
            Double mixing, Double contrastView, Boolean anneal) {
        public Prompt {
            source = text("suggestion source", source);
            target = text("suggestion target", target);
            if (lr != null) {
                check(lr > 0 && lr <= 1, "suggestion lr", lr, "a positive number up to 1");
            }
            if (phase != null) {
                phase = PhasePreset.parse(phase).id();
            }
            if (holdWeight != null) {
                check(holdWeight >= 0 && holdWeight <= NadaConfig.MAX_HOLD_WEIGHT, "suggestion holdWeight", holdWeight,
                        "0 (off) to " + (int) NadaConfig.MAX_HOLD_WEIGHT);
            }
            if (iterations != null) {
                check(iterations >= 1 && iterations <= MAX_ITERATIONS, "suggestion iterations", iterations,
                        "1 to " + MAX_ITERATIONS);
            }
            if (batch != null) {
                check(batch >= 1 && batch <= MAX_BATCH, "suggestion batch", batch, "1 to " + MAX_BATCH);
            }
            if (directionFloor != null) {
                check(directionFloor >= 0 && directionFloor <= 1, "suggestion directionFloor", directionFloor,
                        "0 (the paper's loss) to 1");
            }
            if (mixing != null) {
                check(mixing >= 0 && mixing <= 1, "suggestion mixing", mixing, "a probability in [0, 1]");
            }
            if (contrastView != null) {
                checkContrastView(contrastView, "suggestion contrastView");
            }
            if (sourcePool != null) {
                check(sourcePool >= 0 && sourcePool <= NadaConfig.MAX_SOURCE_POOL, "suggestion sourcePool", sourcePool,
                        "0 (every code drawn) to " + NadaConfig.MAX_SOURCE_POOL);
            }
        }

        public Prompt(String source, String target) {
            this(source, target, null, null, null, null, null, null, null, null, null, null, null, null);
        }

        public Prompt(String source, String target, Double holdWeight) {
            this(source, target, holdWeight, null, null, null, null, null, null, null, null, null, null, null);
        }

        /** Whether the studio offers it among the set's suggestions. */
        public boolean offered() {
            return listed == null || listed;
        }

        /** The same descriptions, as a run trims them, regardless of case. */
        boolean names(String from, String to) {
            return from != null && to != null && source.equalsIgnoreCase(from.trim()) && target.equalsIgnoreCase(to.trim());
        }
    }

    /** How logs name layersK 0: every layer trained, the probe skipped. */
    public static final String ALL_LAYERS = "all layers (no probe)";

    /*
     * Bounds a metadata file may not cross: they keep a hostile or mistyped file from asking for
     * a run that cannot fit in memory or a prompt list the studio cannot show.
     */
    static final int MAX_ITERATIONS = 100_000;
    static final int MAX_BATCH = 64;
    static final int MAX_LAYERS = 64;
    static final int MAX_PROBE_ITERS = 100;
    static final int MAX_TEXT = 200;
    static final int MAX_LIST = 100;
    static final int MAX_BYTES = 64 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS) // "70" is not a number here
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT) // nor is 70.5 an iteration count
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public RecommendedSettings {
        name = text("name", name);
        check(iterations >= 1 && iterations <= MAX_ITERATIONS, "iterations", iterations, "1 to " + MAX_ITERATIONS);
        check(batch >= 1 && batch <= MAX_BATCH, "batch", batch, "1 to " + MAX_BATCH);
        check(layersK >= 0 && layersK <= MAX_LAYERS, "layersK", layersK, "0 (all layers) to " + MAX_LAYERS);
        check(autoLayerIters >= 0 && autoLayerIters <= MAX_PROBE_ITERS, "autoLayerIters", autoLayerIters,
                "0 to " + MAX_PROBE_ITERS);
        check(autoLayerBatch >= 1 && autoLayerBatch <= MAX_BATCH, "autoLayerBatch", autoLayerBatch, "1 to " + MAX_BATCH);
        if (layerMapping == null) {
            throw new IllegalArgumentException("recommended layerMapping is missing: use upstream or consumer");
        }
        if (phase == null) {
            throw new IllegalArgumentException("recommended phase is missing: use none, styles or another preset");
        }
        check(lr > 0 && lr <= 1, "lr", lr, "a positive number up to 1");
        check(mixing >= 0 && mixing <= 1, "mixing", mixing, "a probability in [0, 1]");
        check(directionFloor >= 0 && directionFloor <= 1, "directionFloor", directionFloor, "0 (the paper's loss) to 1");
        check(sourcePool >= 0 && sourcePool <= NadaConfig.MAX_SOURCE_POOL, "sourcePool", sourcePool,
                "0 (every code drawn, as in the paper) to " + NadaConfig.MAX_SOURCE_POOL);
        check(holdWeight >= 0 && holdWeight <= NadaConfig.MAX_HOLD_WEIGHT, "holdWeight", holdWeight,
                "0 (off, as in the paper) to " + (int) NadaConfig.MAX_HOLD_WEIGHT);
        clipWeights = list("clipWeights", clipWeights);
        for (double w : clipWeights) {
            check(w >= 0 && w <= 1000, "clipWeights entry", w, "a number in [0, 1000]");
        }
        source = text("source", source);
        target = text("target", target);
        suggestions = list("suggestions", suggestions);
    }

    /** StyleGAN-NADA's published command, for FFHQ-like and any other generator; suggestions from the paper. */
    public static RecommendedSettings paperDefaults() {
        return new RecommendedSettings("FFHQ-like and other generators, as in the paper", 301, 2, 0, 1, 8,
                LayerMapping.UPSTREAM, PhasePreset.NONE, Adam.Hyper.nada().lr(), 0.0, List.of(), "photo", "sketch",
                List.of(new Prompt("photo", "sketch"), new Prompt("photo", "pixar character"),
                        new Prompt("photo", "ukiyo-e painting"), new Prompt("human", "werewolf"),
                        new Prompt("photo", "cubism painting"), new Prompt("human", "zombie"),
                        new Prompt("photo", "modigliani painting"), new Prompt("human", "elf")), 0, 0, 0, false, 0, false);
    }

    /** Reads a model set's metadata (at most 64 KiB); a clear IllegalArgumentException for anything else. */
    public static RecommendedSettings read(InputStream in, String where) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(where + ": recommended settings larger than " + MAX_BYTES + " bytes");
        }
        try {
            return fromJson(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    public static RecommendedSettings fromJson(String json) {
        Doc d;
        try {
            d = JSON.readValue(json, Doc.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("recommended settings are not valid: " + describe(e), e);
        }
        if (d == null) {
            throw new IllegalArgumentException("recommended settings are not valid: the JSON is null, not an object");
        }
        RecommendedSettings p = paperDefaults();
        return new RecommendedSettings(or(d.name, "this model set"), or(d.iterations, p.iterations),
                or(d.batch, p.batch), or(d.layersK, p.layersK), or(d.autoLayerIters, p.autoLayerIters),
                or(d.autoLayerBatch, p.autoLayerBatch), d.layerMapping == null ? p.layerMapping : LayerMapping.parse(d.layerMapping),
                d.phase == null ? p.phase : PhasePreset.parse(d.phase), or(d.lr, p.lr),
                or(d.mixing, p.mixing), or(d.clipWeights, p.clipWeights), or(d.source, p.source),
                or(d.target, p.target), or(d.suggestions, p.suggestions), or(d.directionFloor, p.directionFloor),
                or(d.sourcePool, p.sourcePool), or(d.holdWeight, p.holdWeight), or(d.holdBackground, p.holdBackground),
                d.contrastView == null ? p.contrastView : checkContrastView(d.contrastView, "contrastView"),
                or(d.anneal, p.anneal));
    }

    /** A contrast-view gain as {@link NadaConfig} accepts it, or a readable refusal naming {@code field}. */
    private static double checkContrastView(double gain, String field) {
        check(gain == 0 || gain >= 1 && gain <= NadaConfig.MAX_CONTRAST_VIEW, field, gain,
                "0 (off) or 1 to " + (int) NadaConfig.MAX_CONTRAST_VIEW);
        return gain;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(new Doc(name, iterations, batch, layersK, autoLayerIters, autoLayerBatch, mapping(), phase.id(), lr,
                    mixing, clipWeights, source, target, suggestions, directionFloor, sourcePool, holdWeight,
                    holdBackground ? Boolean.TRUE : null, contrastView == 0 ? null : contrastView,
                    anneal ? Boolean.TRUE : null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write recommended settings", e);
        }
    }

    /** The same settings for other CLIP models: {@code weights} empty means 1 each. */
    public RecommendedSettings withClipWeights(List<Double> weights) {
        return new RecommendedSettings(name, iterations, batch, layersK, autoLayerIters, autoLayerBatch, layerMapping,
                phase, lr, mixing,
                weights, source, target, suggestions, directionFloor, sourcePool, holdWeight, holdBackground,
                contrastView, anneal);
    }

    /** The same settings with the prompts that fit another generator (a catalog domain's). */
    public RecommendedSettings withPrompts(String source, String target, List<Prompt> suggestions) {
        return new RecommendedSettings(name, iterations, batch, layersK, autoLayerIters, autoLayerBatch, layerMapping,
                phase, lr, mixing,
                clipWeights, source, target, suggestions, directionFloor, sourcePool, holdWeight, holdBackground,
                contrastView, anneal);
    }

    /**
     * The settings for {@code source} → {@code target}: a suggestion's own where it names that
     * change, the set's otherwise.
     */
    public RecommendedSettings forPrompt(String source, String target) {
        for (Prompt p : suggestions) {
            if (p.names(source, target)) {
                boolean fixed = p.phase() != null;
                return new RecommendedSettings(name, or(p.iterations(), iterations), or(p.batch(), batch), layersK,
                        fixed ? 0 : autoLayerIters, autoLayerBatch, layerMapping,
                        fixed ? PhasePreset.parse(p.phase()) : phase, or(p.lr(), lr), or(p.mixing(), mixing), clipWeights,
                        this.source,
                        this.target,
                        suggestions, or(p.directionFloor(), directionFloor), or(p.sourcePool(), sourcePool),
                        or(p.holdWeight(), holdWeight), or(p.holdBackground(), holdBackground),
                        or(p.contrastView(), contrastView), or(p.anneal(), anneal));
            }
        }
        return this;
    }

    /** A run of {@code source} → {@code target} with exactly these settings. */
    public NadaConfig config(String source, String target, long seed) {
        return new NadaConfig(source, target, iterations, batch, layersK, autoLayerIters, autoLayerBatch, layerMapping,
                phase, lr, mixing, seed, true, directionFloor, sourcePool, holdWeight, holdBackground, contrastView, anneal);
    }

    /** The weight of CLIP model {@code i}: 1 when the recommendation names none. */
    public double clipWeight(int i) {
        return i < clipWeights.size() ? clipWeights.get(i) : 1.0;
    }

    /** One line for logs: "iterations 70, batch 2, lr 0.005, k 4 consumer, …". */
    public String summary() {
        return "iterations " + iterations + ", batch " + batch + ", lr " + number(lr)
                + (autoLayerIters == 0 ? ", phase " + phase.id()
                        : layersK == 0 ? ", " + ALL_LAYERS : ", k " + layersK + " " + mapping()
                        + ", auto-layer-iters " + autoLayerIters + (autoLayerBatch == 8 ? "" : " on " + autoLayerBatch + " codes"))
                + (directionFloor == 0 ? "" : ", direction floor " + number(directionFloor))
                + (sourcePool == 0 ? "" : ", source pool " + sourcePool)
                + (holdWeight == 0 ? "" : ", hold weight " + number(holdWeight) + (holdBackground ? " on the background" : ""))
                + (contrastView == 0 ? "" : ", contrast view " + number(contrastView))
                + (anneal ? ", annealed" : "")
                + ", mixing " + number(mixing) + ", clip weights "
                + (clipWeights.isEmpty() ? "1 each" : clipWeights.stream().map(RecommendedSettings::number)
                        .collect(Collectors.joining(",")));
    }

    private String mapping() {
        return layerMapping.name().toLowerCase(Locale.ROOT);
    }

    /** Shortest plain form: 0.005, not 5.0E-3; 1, not 1.0. */
    public static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** The JSON layout; every field may be left out (boxed, so absence is visible). */
    record Doc(String name, Integer iterations, Integer batch, Integer layersK, Integer autoLayerIters,
            Integer autoLayerBatch, String layerMapping, String phase, Double lr, Double mixing, List<Double> clipWeights, String source, String target,
            List<Prompt> suggestions, Double directionFloor, Integer sourcePool, Double holdWeight,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean holdBackground,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double contrastView,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean anneal) {}

    /** Jackson's message in the file's terms: which field, and what it should have been. */
    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "' (known: name, iterations, batch, layersK,"
                    + " autoLayerIters, autoLayerBatch, layerMapping, phase, lr, mixing, clipWeights, source, target, suggestions,"
                    + " directionFloor, sourcePool, holdWeight, holdBackground, contrastView, anneal)";
        }
        String field = "";
        if (e instanceof JsonMappingException m) {
            field = m.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining()).replaceFirst("^\\.", "");
            field = field.isEmpty() ? "" : field + ": ";
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return field + v.getCause().getMessage();
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return field + "expected " + expected(m.getTargetType());
        }
        String why = e.getOriginalMessage();
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return field + (why == null ? e.getClass().getSimpleName() : why.lines().findFirst().orElse(why)) + where;
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text in quotes";
        }
        if (type == Prompt.class) {
            return "an object {\"source\": …, \"target\": …}";
        }
        return List.class.isAssignableFrom(type) ? "a list [ … ]" : "a JSON object { … }";
    }

    private static String text(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("recommended " + what + " must not be empty");
        }
        if (value.length() > MAX_TEXT) {
            throw new IllegalArgumentException("recommended " + what + " is longer than " + MAX_TEXT + " characters");
        }
        return value.trim();
    }

    private static <T> List<T> list(String what, List<T> values) {
        if (values == null) {
            throw new IllegalArgumentException("recommended " + what + " must be a list (may be empty)");
        }
        if (values.size() > MAX_LIST) {
            throw new IllegalArgumentException("recommended " + what + " has more than " + MAX_LIST + " entries");
        }
        if (values.stream().anyMatch(java.util.Objects::isNull)) { // List.of(..).contains(null) would throw
            throw new IllegalArgumentException("recommended " + what + " must not hold null entries");
        }
        return List.copyOf(values);
    }

    private static void check(boolean ok, String what, Object value, String range) {
        if (!ok) {
            throw new IllegalArgumentException("recommended " + what + " must be " + range + ", got " + value);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
