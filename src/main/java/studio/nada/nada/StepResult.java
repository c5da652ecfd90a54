package studio.nada.nada;

import java.util.List;
import java.util.Map;

/**
 * What one adaptation step did: its loss (and each CLIP model's part), the trained images' mean
 * CLIP similarity to the target (cosine with the target text, or the style images' mean
 * embedding when those replaced it; weighted over the CLIP models), the layer-selection
 * scores per W+ index (null when no probe ran), the chosen indices and layers, and its time,
 * also split by phase (probe, frozen, forward, backward, optimizer) for {@code bench}.
 */
public record StepResult(int iteration, double loss, double targetSimilarity, Map<String, Double> lossPerModel, float[] layerScores,
        int[] chosenIndices, List<String> trainedLayers, long millis, Map<String, Long> phaseMillis) {}
