package studio.nada.ui.service;

import java.util.List;
import java.util.stream.Collectors;
import studio.nada.clip.ClipTokenizer;
import studio.nada.hub.Catalog;
import studio.nada.hub.CatalogEntry;
import studio.nada.hub.ModelHub;
import studio.nada.nada.RecommendedSettings;

/**
 * A model set of downloaded catalog models: the generator's file, each CLIP model's file with its
 * head counts and OpenAI's tokenizer, the paper's settings with the prompts of the generator's
 * domain (a church generator starts on "church" → "hut", not on faces).
 */
public final class CatalogModelSet {
    private CatalogModelSet() {}

    public static ModelSet of(ModelHub hub, CatalogEntry generator, List<CatalogEntry> clips) {
        Catalog.Domain d = hub.catalog().domain(generator.domain());
        RecommendedSettings recommended = RecommendedSettings.paperDefaults().withPrompts(d.source(), d.target(),
                d.suggestions() == null ? List.of() : d.suggestions());
        List<ModelSet.ClipSpec> specs = clips.stream().map(c -> {
            int[] heads = c.heads();
            return ModelSet.ClipSpec.file(c.name(), hub.cache().fileOf(c), 1.0, heads[0], heads[1],
                    ClipTokenizer::openAi);
        }).toList();
        String name = generator.title() + " + " + clips.stream().map(CatalogEntry::name)
                .collect(Collectors.joining(", "));
        return new ModelSet(name, ModelSet.GeneratorSource.file(hub.cache().fileOf(generator)), specs, recommended);
    }
}
