package studio.nada.ui.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What the studio remembers between sessions (settings.json); unknown or missing fields fall back
 * to defaults. The prompt and the NADA settings are not kept here: they come from the loaded
 * model set's recommendation, so an old file's "photo" → "sketch" never lands on a generator that
 * draws shapes (an older file's fields for them are ignored).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(long seed, int previewEvery, int checkpointEvery, double truncation, String seeds,
        List<String> recentSessions, String exportFolder) {

    public Settings {
        previewEvery = previewEvery < 0 ? 10 : previewEvery;
        checkpointEvery = checkpointEvery < 0 ? 50 : checkpointEvery;
        truncation = truncation > 0 ? truncation : 0.7;
        seeds = seeds == null || seeds.isBlank() ? "0-5" : seeds;
        recentSessions = recentSessions == null ? List.of() : List.copyOf(recentSessions);
        exportFolder = exportFolder == null || exportFolder.isBlank() ? null : exportFolder;
    }

    /** Settings without a remembered export folder. */
    public Settings(long seed, int previewEvery, int checkpointEvery, double truncation, String seeds,
            List<String> recentSessions) {
        this(seed, previewEvery, checkpointEvery, truncation, seeds, recentSessions, null);
    }

    public static Settings defaults() {
        return new Settings(0, 10, 50, 0, null, null);
    }
}
