package studio.nada.ui.viewmodel;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.nada.nada.RecommendedSettings;

/**
 * Source and target descriptions, the suggestions and default prompt of the loaded model set, and
 * the style images dropped in (collected here; image-guided runs read them once the core takes them).
 * Until a set is loaded, the paper's prompts.
 */
public final class PromptViewModel {
    private static final List<String> IMAGE_TYPES = List.of(".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif");
    private final StringProperty source = new SimpleStringProperty();
    private final StringProperty target = new SimpleStringProperty();
    private final ObservableList<PromptPresets.Preset> suggestions = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<PromptPresets.Preset> defaultPrompt = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Path> styleImages = FXCollections.observableArrayList();

    public StringProperty sourceProperty() {
        return source;
    }

    public StringProperty targetProperty() {
        return target;
    }

    public ObservableList<PromptPresets.Preset> suggestions() {
        return suggestions;
    }

    public ObservableList<Path> styleImages() {
        return styleImages;
    }

    public PromptViewModel() {
        recommendationChanged(RecommendedSettings.paperDefaults());
    }

    /** The loaded set's default prompt: the examples in placeholders and messages come from it. */
    public ReadOnlyObjectProperty<PromptPresets.Preset> defaultPromptProperty() {
        return defaultPrompt.getReadOnlyProperty();
    }

    /**
     * A model set became current: its suggestions, and its default prompt in the fields, since a
     * prompt typed for the previous generator rarely fits this one ("photo" means nothing to the
     * Shapes world).
     */
    public void recommendationChanged(RecommendedSettings recommended) {
        suggestions.setAll(PromptPresets.of(recommended));
        defaultPrompt.set(PromptPresets.defaultOf(recommended));
        apply(defaultPrompt.get());
    }

    public void apply(PromptPresets.Preset preset) {
        source.set(preset.source());
        target.set(preset.target());
    }

    /** Keeps the image files of {@code files} (by extension), without repeats; returns how many were added. */
    public int addStyleImages(List<Path> files) {
        int added = 0;
        for (Path f : files) {
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (IMAGE_TYPES.stream().anyMatch(name::endsWith) && !styleImages.contains(f)) {
                styleImages.add(f);
                added++;
            }
        }
        return added;
    }

    /** Takes one style image out again. */
    public void removeStyleImage(Path file) {
        styleImages.remove(file);
    }

    /** The file types a style image may have, as file-chooser patterns ("*.png", …). */
    public static List<String> imagePatterns() {
        return IMAGE_TYPES.stream().map(t -> "*" + t).toList();
    }

    public void clearStyleImages() {
        styleImages.clear();
    }

    /** Why the prompt cannot start a run, or null when it can. */
    public String problem() {
        boolean noSource = source.get() == null || source.get().isBlank();
        boolean noTarget = target.get() == null || target.get().isBlank();
        PromptPresets.Preset e = defaultPrompt.get();
        if (noSource && noTarget) {
            return "Type a source and a target description, e.g. \"" + e.source() + "\" → \"" + e.target() + "\".";
        }
        if (noSource) {
            return "Type a source description: what the generator draws now, e.g. \"" + e.source() + "\".";
        }
        if (noTarget) {
            return "Type a target description: what it should draw, e.g. \"" + e.target() + "\".";
        }
        return null;
    }
}
