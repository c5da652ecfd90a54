package studio.nada.ui.viewmodel;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.nada.ui.service.ModelSet;

/**
 * Source and target descriptions, their suggestions for the loaded domain, and the style images
 * dropped in (collected here; image-guided runs read them once the core takes them).
 */
public final class PromptViewModel {
    private static final List<String> IMAGE_TYPES = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");
    private final StringProperty source = new SimpleStringProperty("photo");
    private final StringProperty target = new SimpleStringProperty("sketch");
    private final ObservableList<PromptPresets.Preset> suggestions =
            FXCollections.observableArrayList(PromptPresets.forDomain(ModelSet.Domain.FACES));
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

    public void domainChanged(ModelSet.Domain domain) {
        suggestions.setAll(PromptPresets.forDomain(domain));
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

    public void clearStyleImages() {
        styleImages.clear();
    }

    /** Why the prompt cannot start a run, or null when it can. */
    public String problem() {
        boolean noSource = source.get() == null || source.get().isBlank();
        boolean noTarget = target.get() == null || target.get().isBlank();
        if (noSource && noTarget) {
            return "Type a source and a target description, e.g. \"photo\" → \"sketch\".";
        }
        if (noSource) {
            return "Type a source description: what the generator draws now, e.g. \"photo\".";
        }
        if (noTarget) {
            return "Type a target description: what it should draw, e.g. \"sketch\".";
        }
        return null;
    }
}
