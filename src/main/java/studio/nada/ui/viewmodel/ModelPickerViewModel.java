package studio.nada.ui.viewmodel;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.nada.clip.ClipTokenizer;
import studio.nada.ui.service.ClipHeadsNeeded;
import studio.nada.ui.service.ModelSet;
import studio.nada.ui.service.TrainingService;

/**
 * The model picker: known model sets, plus a generator or a CLIP model opened from a file. A set
 * that fails to load posts a notice and the previous models stay (and stay selected).
 */
public final class ModelPickerViewModel {
    private final TrainingService service;
    private final Notices notices;
    private final Executor fx;
    private final ObservableList<ModelSet> sets = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ModelSet> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<ClipHeadsNeeded> headsQuestion = new ReadOnlyObjectWrapper<>();
    private Consumer<ModelSet> onLoaded = s -> {};

    public ModelPickerViewModel(TrainingService service, List<ModelSet> known, Notices notices, Executor fx) {
        this.service = service;
        this.notices = notices;
        this.fx = fx;
        sets.setAll(known);
    }

    public ObservableList<ModelSet> sets() {
        return sets;
    }

    /** The loaded set (null before the first load succeeds). */
    public ReadOnlyObjectProperty<ModelSet> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public void setOnLoaded(Consumer<ModelSet> callback) {
        this.onLoaded = callback;
    }

    public void select(ModelSet set) {
        if (set == null || set == current.get() || loading.get()) {
            return;
        }
        loading.set(true);
        service.loadModels(set).whenCompleteAsync((ok, e) -> {
            loading.set(false);
            if (e != null) {
                Throwable cause = Notice.cause(e);
                ClipHeadsNeeded question = ClipHeadsNeeded.in(cause);
                if (question != null) {
                    // not an error: the file does not say its head counts; the view asks for them
                    headsQuestion.set(question);
                    return;
                }
                notices.post(Notice.error("Could not load the models", cause.getMessage()
                        + (current.get() == null ? "" : "\nStill using: " + current.get().name())));
                // the combo shows the set still in use
                current.set(null);
                current.set(service.currentModels());
                return;
            }
            if (!sets.contains(set)) {
                sets.add(set);
            }
            // the set's prompt, settings and cleared map first: whoever watches current (the combo, a
            // test on another thread) then sees the studio wholly switched
            onLoaded.accept(set);
            current.set(set);
        }, fx);
    }

    /** Keeps the CLIP models, replaces the generator. */
    public void openGenerator(Path file) {
        ModelSet base = current.get() != null ? current.get() : sets.isEmpty() ? null : sets.get(0);
        if (base == null) {
            notices.post(Notice.error("No CLIP model", "Open a CLIP model first: a generator alone cannot be adapted."));
            return;
        }
        select(base.withGenerator(file));
    }

    /** Keeps the generator, replaces the CLIP models by one from a file (OpenAI's tokenizer); heads inferred. */
    public void openClip(Path file) {
        openClip(file, 0, 0);
    }

    /** As above with the head counts given (0 = inferred from the file). */
    public void openClip(Path file, int visionHeads, int textHeads) {
        ModelSet base = current.get() != null ? current.get() : sets.isEmpty() ? null : sets.get(0);
        if (base == null) {
            notices.post(Notice.error("No generator", "Open a generator first."));
            return;
        }
        select(base.withClip(file, ClipTokenizer::openAi, visionHeads, textHeads));
    }

    /**
     * A CLIP file opened whose head counts it does not tell (null when none): the view asks and
     * answers with {@link #answerHeads} or {@link #cancelHeads}.
     */
    public ReadOnlyObjectProperty<ClipHeadsNeeded> headsQuestionProperty() {
        return headsQuestion.getReadOnlyProperty();
    }

    public void answerHeads(int visionHeads, int textHeads) {
        ClipHeadsNeeded q = headsQuestion.get();
        headsQuestion.set(null);
        if (q != null) {
            openClip(q.file(), visionHeads, textHeads);
        }
    }

    public void cancelHeads() {
        ClipHeadsNeeded q = headsQuestion.get();
        headsQuestion.set(null);
        if (q != null && current.get() != null) {
            notices.post(Notice.info("CLIP model not opened", q.file().getFileName() + " was not opened; still using "
                    + current.get().name() + "."));
        }
    }
}
