package studio.nada.ui.viewmodel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import studio.nada.hub.Bytes;
import studio.nada.hub.CatalogEntry;
import studio.nada.hub.DownloadProgress;
import studio.nada.hub.ModelCache;

/**
 * One catalog model as the model manager shows it: where it stands on this machine, a download's
 * progress (0..1, or -1 while unknown) and a line of detail (the progress in words, or why it
 * failed). Changed only by {@link ModelManagerViewModel}, on the FX thread.
 */
public final class ModelRow {
    /** What the user sees in the state column. */
    public enum State {
        MISSING("not downloaded"), PARTIAL("partly downloaded"), DOWNLOADING("downloading"), READY("ready"),
        FAILED("failed");

        private final String words;

        State(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * What the cache holds of an entry, read off the FX thread (it touches the disk).
     *
     * @param partialBytes bytes kept of a cut download
     * @param fileBytes    size of the finished file, 0 when there is none
     * @param file         where the finished file is, or would be
     */
    record Look(CatalogEntry entry, ModelCache.State state, long partialBytes, long fileBytes, Path file) {
        static Look of(ModelCache cache, CatalogEntry e) {
            ModelCache.State s = cache.state(e);
            long size = 0;
            if (s == ModelCache.State.READY) {
                try {
                    size = Files.size(cache.fileOf(e));
                } catch (IOException ignored) {
                    // gone since: the size stays unknown
                }
            }
            return new Look(e, s, cache.partialBytes(e), size, cache.fileOf(e));
        }
    }

    private CatalogEntry entry;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.MISSING);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper size = new ReadOnlyStringWrapper("");
    private final BooleanProperty chosenClip = new SimpleBooleanProperty();
    /** The cancel flag of the download or copy under way (null when none). */
    private AtomicBoolean job;

    ModelRow(Look look) {
        this.entry = look.entry();
        show(look, null);
    }

    public CatalogEntry entry() {
        return entry;
    }

    public String name() {
        return entry.name();
    }

    public String title() {
        return entry.title();
    }

    public CatalogEntry.Kind kind() {
        return entry.kind();
    }

    public String domain() {
        return entry.domain();
    }

    /** Whether this is a file of the user's own (never downloaded, never replaced). */
    public boolean isLocal() {
        return entry.local() != null;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sizeProperty() {
        return size.getReadOnlyProperty();
    }

    /** Ticked in the list of CLIP models to use. */
    public BooleanProperty chosenClipProperty() {
        return chosenClip;
    }

    AtomicBoolean job() {
        return job;
    }

    /** Starts showing work under way (a download or a copy) that {@code cancel} stops. */
    void start(AtomicBoolean cancel, String words) {
        job = cancel;
        state.set(State.DOWNLOADING);
        progress.set(-1);
        detail.set(words);
    }

    void progress(DownloadProgress p) {
        if (state.get() != State.DOWNLOADING) {
            return;
        }
        boolean knownShare = p.phase() == DownloadProgress.Phase.DOWNLOADING
                || p.phase() == DownloadProgress.Phase.DONE;
        progress.set(knownShare ? p.fraction() : -1);
        detail.set(p.describe());
    }

    /**
     * The work under way ended with the cache as {@code look}: {@code failure} says why it failed
     * (null when it did not), {@code note} what to say instead of the usual words (or null).
     */
    void finished(Look look, String failure, String note) {
        job = null;
        if (failure != null && look.state() != ModelCache.State.READY) {
            entry = look.entry();
            state.set(State.FAILED);
            progress.set(0);
            detail.set(failure);
            size.set(sizeText(look));
            return;
        }
        show(look, note);
    }

    /**
     * Shows what the cache holds, with {@code note} (a cancelled download's words, say) as the
     * detail; a download under way or a failure stays until the next command.
     */
    void refresh(Look look, String note) {
        if (state.get() == State.DOWNLOADING || state.get() == State.FAILED && look.state() != ModelCache.State.READY) {
            entry = look.entry();
            return;
        }
        show(look, note);
    }

    /** Forgets a failure: the next look decides. */
    void clearFailure() {
        if (state.get() == State.FAILED) {
            state.set(State.MISSING);
        }
    }

    private void show(Look look, String note) {
        entry = look.entry();
        size.set(sizeText(look));
        switch (look.state()) {
            case READY -> {
                state.set(State.READY);
                progress.set(1);
                detail.set(note != null ? note : (isLocal() ? "your file " : "") + look.file());
            }
            case PARTIAL -> {
                state.set(State.PARTIAL);
                Long total = entry.size();
                progress.set(total != null ? Math.min(1.0, (double) look.partialBytes() / total) : 0);
                detail.set(note != null ? note : Bytes.human(look.partialBytes()) + " kept of a cut download;"
                        + " Download resumes it");
            }
            case MISSING -> {
                state.set(State.MISSING);
                progress.set(0);
                detail.set(note != null ? note : isLocal() ? "your file " + entry.local() + " is no longer there"
                        : "");
            }
        }
    }

    private static String sizeText(Look look) {
        if (look.entry().size() != null) {
            return Bytes.human(look.entry().size());
        }
        return look.fileBytes() > 0 ? Bytes.human(look.fileBytes()) : "—";
    }

    @Override
    public String toString() {
        return entry.title();
    }
}
