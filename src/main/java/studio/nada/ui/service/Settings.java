package studio.nada.ui.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** What the studio remembers between sessions (settings.json); unknown or missing fields fall back to defaults. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(String source, String target, int iterations, int batch, int layersK, String layerMapping,
        double lr, String clipWeights, long seed, int previewEvery, int checkpointEvery, double truncation,
        String seeds, List<String> recentSessions) {

    public Settings {
        source = source == null ? "photo" : source;
        target = target == null ? "sketch" : target;
        iterations = iterations <= 0 ? 301 : iterations;
        batch = batch <= 0 ? 2 : batch;
        layerMapping = layerMapping == null ? "UPSTREAM" : layerMapping;
        lr = lr > 0 ? lr : 0.0016;
        clipWeights = clipWeights == null ? "" : clipWeights;
        previewEvery = previewEvery < 0 ? 10 : previewEvery;
        checkpointEvery = checkpointEvery < 0 ? 50 : checkpointEvery;
        truncation = truncation > 0 ? truncation : 0.7;
        seeds = seeds == null || seeds.isBlank() ? "0-5" : seeds;
        recentSessions = recentSessions == null ? List.of() : List.copyOf(recentSessions);
    }

    public static Settings defaults() {
        return new Settings(null, null, 0, 0, 0, null, 0, null, 0, 10, 50, 0, null, null);
    }
}
