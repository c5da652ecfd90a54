package studio.nada.ui.viewmodel;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.nada.export.Images;
import studio.nada.inversion.InversionResult;
import studio.nada.ui.service.PhotoService;

/** One photo in the Photos panel: original (aligned) | reconstruction | one cell per adapted domain. */
public final class PhotoRow {
    /** Where the photo stands. */
    public enum State { QUEUED, INVERTING, DONE, CANCELLED, FAILED }

    private final Path file;
    private final Images.Argb aligned;
    private final ObjectProperty<Images.Argb> reconstruction = new SimpleObjectProperty<>();
    private final ObservableList<PhotoService.DomainImage> domains = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.QUEUED);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("waiting");
    final AtomicBoolean cancel = new AtomicBoolean();
    InversionResult result;

    PhotoRow(Path file, Images.Argb aligned) {
        this.file = file;
        this.aligned = aligned;
    }

    public Path file() {
        return file;
    }

    public String name() {
        return file.getFileName().toString();
    }

    public Images.Argb aligned() {
        return aligned;
    }

    public ObjectProperty<Images.Argb> reconstructionProperty() {
        return reconstruction;
    }

    public ObservableList<PhotoService.DomainImage> domains() {
        return domains;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The inversion, once done (null before). */
    public InversionResult result() {
        return result;
    }

    void set(State s, double p, String text) {
        state.set(s);
        progress.set(p);
        status.set(text);
    }
}
