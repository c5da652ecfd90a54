package studio.nada.ui.viewmodel;

import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import studio.nada.export.ExportOptions;
import studio.nada.export.ExportOptions.Animation;
import studio.nada.export.SeedList;
import studio.nada.hub.Bytes;
import studio.nada.ui.service.ExportService;

/**
 * The export dialog's state: what to write (seeds, truncation, strength, pairs, images, grid,
 * animations, generator files) and where; what that will be (file count, size on disk, or why it
 * cannot be); and the export itself, with progress and cancel. The folder is remembered.
 */
public final class ExportViewModel {
    private final ExportService service;
    private final Notices notices;
    private final Executor fx;

    private final StringProperty seeds = new SimpleStringProperty("0-15");
    private final DoubleProperty truncation = new SimpleDoubleProperty(0.7);
    private final DoubleProperty strength = new SimpleDoubleProperty(1.0);
    private final BooleanProperty pairs = new SimpleBooleanProperty(true);
    private final BooleanProperty pngs = new SimpleBooleanProperty(true);
    private final BooleanProperty grid = new SimpleBooleanProperty(true);
    private final BooleanProperty labels = new SimpleBooleanProperty(true);
    private final IntegerProperty columns = new SimpleIntegerProperty(4);
    private final ObjectProperty<Animation> gif = new SimpleObjectProperty<>(Animation.NONE);
    private final ObjectProperty<Animation> mp4 = new SimpleObjectProperty<>(Animation.NONE);
    private final IntegerProperty frames = new SimpleIntegerProperty(48);
    private final IntegerProperty fps = new SimpleIntegerProperty(24);
    private final IntegerProperty frameSize = new SimpleIntegerProperty(256);
    private final BooleanProperty pt = new SimpleBooleanProperty(false);
    private final BooleanProperty safetensors = new SimpleBooleanProperty(false);
    private final BooleanProperty delta = new SimpleBooleanProperty(false);
    private final BooleanProperty overwrite = new SimpleBooleanProperty(false);
    private final ObjectProperty<Path> folder = new SimpleObjectProperty<>();

    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private volatile ExportService.Facts facts = new ExportService.Facts(0, 0, false);
    private AtomicBoolean cancel = new AtomicBoolean();

    public ExportViewModel(ExportService service, Notices notices, Executor fx, Path defaultFolder) {
        this.service = service;
        this.notices = notices;
        this.fx = fx;
        folder.set(defaultFolder);
        for (Observable o : new Observable[] {seeds, truncation, strength, pairs, pngs, grid, labels, columns, gif, mp4,
            frames, fps, frameSize, pt, safetensors, delta, folder}) {
            o.addListener(x -> describe());
        }
    }

    /** Reads what is loaded now (image size, whether anything is adapted), then updates the summary. */
    public void refresh() {
        service.facts().whenCompleteAsync((f, e) -> {
            facts = e == null ? f : new ExportService.Facts(0, 0, false);
            if (e == null && f.imageSize() > 0) {
                frameSize.set(Math.min(frameSize.get(), Math.max(16, f.imageSize())));
            }
            describe();
        }, fx);
    }

    /** The options as set, or an IllegalArgumentException saying what is wrong. */
    public ExportOptions options() {
        return new ExportOptions(SeedList.parse(seeds.get()), truncation.get(), strength.get(), pairs.get(), pngs.get(),
                grid.get(), columns.get(), labels.get(), gif.get(), mp4.get(), frames.get(), fps.get(), frameSize.get(),
                pt.get(), safetensors.get(), delta.get());
    }

    private void describe() {
        if (!facts.adapted()) {
            problem.set("Nothing is adapted yet: press Adapt, or open a session, then export.");
            summary.set("");
            return;
        }
        if (folder.get() == null) {
            problem.set("Choose a folder to export into.");
            summary.set("");
            return;
        }
        try {
            ExportOptions o = options();
            problem.set(null);
            summary.set(o.fileNames().size() + " files, about " + Bytes.human(o.estimateBytes(facts.imageSize(),
                    facts.generatorBytes())) + ", into " + folder.get());
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            summary.set("");
        }
    }

    /** Starts the export; the result is a notice (and the folder is remembered when it worked). */
    public void export() {
        if (running.get() || problem.get() != null) {
            return;
        }
        ExportOptions o = options();
        Path out = folder.get();
        cancel = new AtomicBoolean();
        AtomicBoolean mine = cancel;
        running.set(true);
        progress.set(0);
        status.set("starting…");
        service.export(o, out, overwrite.get(), p -> fx.execute(() -> {
            progress.set((double) p.done() / p.total());
            status.set(p.what() + " (" + p.done() + "/" + p.total() + ")");
        }), mine::get).whenCompleteAsync((files, e) -> {
            running.set(false);
            Throwable cause = Notice.cause(e);
            if (cause == null) {
                progress.set(1);
                status.set("exported " + files.size() + " files");
                notices.post(Notice.info("Exported", files.size() + " files written to " + out));
            } else if (cause instanceof CancellationException) {
                progress.set(0);
                status.set("cancelled: nothing was written");
                notices.post(Notice.info("Export cancelled", "Nothing was written to " + out + "."));
            } else {
                progress.set(0);
                status.set("failed");
                notices.post(Notice.error("Export failed", (cause.getMessage() == null ? cause.toString()
                        : cause.getMessage()) + "\nNothing was written."));
            }
        }, fx);
    }

    public void cancel() {
        cancel.set(true);
        status.set("cancelling…");
    }

    public StringProperty seedsProperty() { return seeds; }
    public DoubleProperty truncationProperty() { return truncation; }
    public DoubleProperty strengthProperty() { return strength; }
    public BooleanProperty pairsProperty() { return pairs; }
    public BooleanProperty pngsProperty() { return pngs; }
    public BooleanProperty gridProperty() { return grid; }
    public BooleanProperty labelsProperty() { return labels; }
    public IntegerProperty columnsProperty() { return columns; }
    public ObjectProperty<Animation> gifProperty() { return gif; }
    public ObjectProperty<Animation> mp4Property() { return mp4; }
    public IntegerProperty framesProperty() { return frames; }
    public IntegerProperty fpsProperty() { return fps; }
    public IntegerProperty frameSizeProperty() { return frameSize; }
    public BooleanProperty ptProperty() { return pt; }
    public BooleanProperty safetensorsProperty() { return safetensors; }
    public BooleanProperty deltaProperty() { return delta; }
    public BooleanProperty overwriteProperty() { return overwrite; }
    public ObjectProperty<Path> folderProperty() { return folder; }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
}
