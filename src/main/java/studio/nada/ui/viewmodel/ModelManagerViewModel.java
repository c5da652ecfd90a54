package studio.nada.ui.viewmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import studio.nada.hub.CatalogEntry;
import studio.nada.hub.DownloadException;
import studio.nada.hub.DownloadProgress;
import studio.nada.hub.ModelHub;
import studio.nada.ui.service.CatalogModelSet;
import studio.nada.ui.viewmodel.ModelRow.Look;
import studio.nada.ui.viewmodel.ModelRow.State;

/**
 * The model manager: one {@link ModelRow} per catalog entry, and the commands Download, Cancel,
 * Open file…, Remove and "use these models". Downloads and file work run on {@code background}
 * (never the FX thread, never the tensor thread), several at once; what they report comes back
 * through {@code fx}, a download's progress collapsed to the newest. A failure shows in its row
 * and posts a notice; nothing else changes.
 */
public final class ModelManagerViewModel implements AutoCloseable {
    private final ModelHub hub;
    private final String catalogProblem;
    private final ModelPickerViewModel picker;
    private final Notices notices;
    private final Executor fx;
    private final Executor background;
    private final ObservableList<ModelRow> rows = FXCollections.observableArrayList(
            r -> new Observable[] {r.stateProperty(), r.chosenClipProperty()});
    private final FilteredList<ModelRow> readyGenerators = new FilteredList<>(rows,
            r -> r.state() == State.READY && r.kind() == CatalogEntry.Kind.GENERATOR);
    private final FilteredList<ModelRow> readyClips = new FilteredList<>(rows,
            r -> r.state() == State.READY && r.kind() == CatalogEntry.Kind.CLIP);
    private final ModelSelection selection = new ModelSelection();
    private final ObjectProperty<ModelRow> chosenGenerator = new SimpleObjectProperty<>();
    private final BooleanBinding canUse;

    /**
     * @param catalogProblem why the user's own catalog could not be read (only the built-in one is
     *                       shown then), or null
     */
    public ModelManagerViewModel(ModelHub hub, String catalogProblem, ModelPickerViewModel picker, Notices notices,
            Executor fx, Executor background) {
        this.hub = hub;
        this.catalogProblem = catalogProblem;
        this.picker = picker;
        this.notices = notices;
        this.fx = fx;
        this.background = background;
        canUse = Bindings.createBooleanBinding(() -> chosenGenerator.get() != null
                && chosenGenerator.get().state() == State.READY && !chosenClips().isEmpty()
                && !picker.loadingProperty().get(), chosenGenerator, rows, picker.loadingProperty());
    }

    /** Reads the catalog's state from the cache and says when the user's catalog was unreadable. */
    public void start() {
        if (catalogProblem != null) {
            notices.post(Notice.warning("Your model catalog was not read", catalogProblem));
        }
        refresh();
    }

    public ObservableList<ModelRow> rows() {
        return rows;
    }

    public ObservableList<ModelRow> readyGenerators() {
        return readyGenerators;
    }

    public ObservableList<ModelRow> readyClips() {
        return readyClips;
    }

    /** Why only the built-in catalog is listed, or null. */
    public String catalogProblem() {
        return catalogProblem;
    }

    /** Where models are kept, for the dialog to say. */
    public Path cacheFolder() {
        return hub.cache().root();
    }

    /** The table's selected row, and what may be done with it. */
    public ModelSelection selection() {
        return selection;
    }

    public ObjectProperty<ModelRow> chosenGeneratorProperty() {
        return chosenGenerator;
    }

    /** A ready generator and at least one ready CLIP model are chosen, and no model set is loading. */
    public BooleanBinding canUse() {
        return canUse;
    }

    /** The ticked ready CLIP models. */
    public List<ModelRow> chosenClips() {
        return readyClips.stream().filter(r -> r.chosenClipProperty().get()).toList();
    }

    /** Fetches the row's model into the cache, in the background; a second at once is the core's BUSY. */
    public void download(ModelRow row) {
        CatalogEntry e = row.entry();
        if (row.isLocal()) {
            notices.post(Notice.warning("Nothing to download", e.name() + " is your own file " + e.local() + "."));
            return;
        }
        AtomicBoolean cancel = new AtomicBoolean();
        if (row.state() != State.DOWNLOADING) {
            row.start(cancel, "starting…");
        }
        AtomicReference<DownloadProgress> newest = new AtomicReference<>();
        background.execute(() -> {
            String failure = null;
            try {
                hub.download(e, p -> {
                    if (newest.getAndSet(p) == null) {
                        fx.execute(() -> {
                            DownloadProgress last = newest.getAndSet(null);
                            if (row.job() == cancel) {
                                row.progress(last);
                            }
                        });
                    }
                }, cancel::get);
            } catch (DownloadException ex) {
                failure = words(e, ex.getMessage());
                String why = ex.getMessage(); // a notice names the model
                if (ex.reason() == DownloadException.Reason.CANCELLED || ex.reason() == DownloadException.Reason.BUSY) {
                    if (ex.reason() == DownloadException.Reason.BUSY) {
                        fx.execute(() -> notices.post(Notice.warning("Already downloading", why)));
                    }
                    // a download under way here goes on (settle leaves its row alone)
                    settle(row, cancel, Look.of(hub.cache(), e), null, failure);
                    return;
                }
                fx.execute(() -> notices.post(Notice.error("Download failed", why)));
            } catch (RuntimeException ex) {
                failure = String.valueOf(ex);
                String why = e.name() + ": " + ex;
                fx.execute(() -> notices.post(Notice.error("Download failed", why)));
            }
            settle(row, cancel, Look.of(hub.cache(), e), failure, null);
        });
    }

    /** Stops the row's download (its bytes are kept: Download resumes) or file check. */
    public void cancel(ModelRow row) {
        AtomicBoolean job = row.job();
        if (job != null) {
            job.set(true);
        }
    }

    /** "Open file…": checks {@code file} against the entry's sha256 and copies it into the cache. */
    public void openFile(ModelRow row, Path file) {
        CatalogEntry e = row.entry();
        if (row.isLocal() || row.state() == State.DOWNLOADING) {
            notices.post(Notice.warning("Not now", row.isLocal() ? e.name() + " is already your own file "
                    + e.local() + "." : e.name() + " is being downloaded; cancel it first."));
            return;
        }
        AtomicBoolean cancel = new AtomicBoolean();
        row.start(cancel, "checking and copying " + file.getFileName() + "…");
        background.execute(() -> {
            String note = null;
            try {
                hub.adopt(e, file, cancel::get);
            } catch (Exception ex) { // IOException, IllegalArgumentException: a message for the user either way
                String why = cancel.get() ? "cancelled" : words(e, ex.getMessage());
                note = cancel.get() ? "copy of " + file.getFileName() + " cancelled" : null;
                if (!cancel.get()) {
                    fx.execute(() -> notices.post(Notice.error("Could not use " + file.getFileName(), why)));
                }
            }
            settle(row, cancel, Look.of(hub.cache(), e), null, note);
        });
    }

    /** Deletes the downloaded file (or a cut download), or forgets a file of the user's own. */
    public void remove(ModelRow row) {
        if (row.state() == State.DOWNLOADING) {
            notices.post(Notice.warning("Not now", row.name() + " is being downloaded; cancel it first."));
            return;
        }
        CatalogEntry e = row.entry();
        background.execute(() -> {
            try {
                synchronized (hub) { // the catalog is read, changed and saved
                    hub.remove(e);
                }
                fx.execute(row::clearFailure);
            } catch (Exception ex) {
                fx.execute(() -> notices.post(Notice.error("Could not remove " + e.name(), words(e, ex.getMessage()))));
            }
            refreshNow();
        });
    }

    /** Registers a file the user has as a catalog entry of their own. */
    public void addLocal(String name, CatalogEntry.Kind kind, Path file, String domain) {
        background.execute(() -> {
            try {
                synchronized (hub) {
                    hub.addLocal(name, kind, file, domain);
                }
            } catch (Exception ex) {
                fx.execute(() -> notices.post(Notice.error("Could not add " + file.getFileName(), ex.getMessage())));
            }
            refreshNow();
        });
    }

    /** Loads the chosen generator and ticked CLIP models as the studio's model set. */
    public boolean useChosen() {
        return useAsModelSet(chosenGenerator.get(), chosenClips());
    }

    /**
     * Makes a ready generator and ready CLIP models the current model set, with the prompts of the
     * generator's domain; a problem is a notice and nothing changes.
     */
    public boolean useAsModelSet(ModelRow generator, List<ModelRow> clips) {
        String problem = problem(generator, clips);
        if (problem != null) {
            notices.post(Notice.error("Cannot use these models", problem));
            return false;
        }
        picker.select(CatalogModelSet.of(hub, generator.entry(), clips.stream().map(ModelRow::entry).toList()));
        return true;
    }

    /** Reads every row's state from the cache again (in the background). */
    public void refresh() {
        background.execute(this::refreshNow);
    }

    /** Cancels every download under way (their bytes are kept for a resume). */
    @Override
    public void close() {
        rows.forEach(this::cancel);
    }

    private void refreshNow() {
        List<Look> looks = hub.catalog().entries().stream().map(e -> Look.of(hub.cache(), e)).toList();
        fx.execute(() -> apply(looks));
    }

    /** The rows for {@code looks}, in catalog order; a row keeps its object (and its download) by name. */
    private void apply(List<Look> looks) {
        Map<String, ModelRow> old = new LinkedHashMap<>();
        rows.forEach(r -> old.put(r.name(), r));
        List<ModelRow> next = new ArrayList<>();
        for (Look look : looks) {
            ModelRow row = old.remove(look.entry().name());
            if (row == null) {
                row = new ModelRow(look);
            } else {
                row.refresh(look, null);
            }
            next.add(row);
        }
        old.values().stream().filter(r -> r.state() == State.DOWNLOADING).forEach(next::add);
        if (!next.equals(rows)) {
            rows.setAll(next);
        }
    }

    private void settle(ModelRow row, AtomicBoolean job, Look look, String failure, String note) {
        fx.execute(() -> {
            if (row.job() != job) {
                return;
            }
            row.finished(look, failure, note);
        });
    }

    /** Why {@code generator} and {@code clips} cannot be a model set, or null. */
    static String problem(ModelRow generator, List<ModelRow> clips) {
        if (generator == null || generator.kind() != CatalogEntry.Kind.GENERATOR) {
            return "Choose a generator.";
        }
        if (clips.isEmpty()) {
            return "Choose at least one CLIP model.";
        }
        for (ModelRow r : clips) {
            if (r.kind() != CatalogEntry.Kind.CLIP) {
                return r.name() + " is a " + r.kind().label() + ", not a CLIP model.";
            }
        }
        for (ModelRow r : concat(generator, clips)) {
            if (r.state() != State.READY) {
                return r.name() + " is not ready (" + r.state().words() + "): download it or open its file first.";
            }
        }
        return null;
    }

    private static List<ModelRow> concat(ModelRow first, List<ModelRow> rest) {
        List<ModelRow> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /** A core message without the model's name in front (the row already names it). */
    private static String words(CatalogEntry e, String message) {
        String m = message == null ? "unknown error" : message;
        return m.startsWith(e.name() + ": ") ? m.substring(e.name().length() + 2) : m;
    }
}
