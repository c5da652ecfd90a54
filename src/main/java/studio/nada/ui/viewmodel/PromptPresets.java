package studio.nada.ui.viewmodel;

import java.util.List;
import studio.nada.nada.RecommendedSettings;

/** Prompt suggestions: the ones the loaded model set recommends for what its generator draws. */
public final class PromptPresets {
    /** A source → target pair. */
    public record Preset(String source, String target) {
        @Override
        public String toString() {
            return source + " → " + target;
        }
    }

    private PromptPresets() {}

    /** The set's suggestions it offers, in its order. */
    public static List<Preset> of(RecommendedSettings recommended) {
        return recommended.suggestions().stream().filter(RecommendedSettings.Prompt::offered)
                .map(p -> new Preset(p.source(), p.target())).toList();
    }

    /** The set's default prompt. */
    public static Preset defaultOf(RecommendedSettings recommended) {
        return new Preset(recommended.source(), recommended.target());
    }
}
