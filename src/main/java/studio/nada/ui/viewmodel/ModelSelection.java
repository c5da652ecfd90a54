package studio.nada.ui.viewmodel;

import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import studio.nada.ui.viewmodel.ModelRow.State;

/**
 * The model manager's selected row and what may be done with it: the buttons' enabled states and
 * the row told in full (its detail may not fit the table). They follow the row's state as it
 * changes, not only the selection.
 */
public final class ModelSelection {
    private final ObjectProperty<ModelRow> row = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final StringBinding summary;
    private final BooleanBinding canDownload;
    private final BooleanBinding canCancel;
    private final BooleanBinding canOpenFile;
    private final BooleanBinding canRemove;

    ModelSelection() {
        // an invalidation listener, registered first: the wrappers follow a new selection before
        // any binding below is told of it (change listeners would be told after them)
        row.addListener((Observable o) -> {
            ModelRow r = row.get();
            state.unbind();
            detail.unbind();
            if (r == null) {
                state.set(null);
                detail.set("");
            } else {
                state.bind(r.stateProperty());
                detail.bind(r.detailProperty());
            }
        });
        // read through the wrappers, so each stays valid and reports the next change
        summary = Bindings.createStringBinding(() -> summary(row.get(), state.get(), detail.get()), row, state,
                detail);
        canDownload = Bindings.createBooleanBinding(() -> row.get() != null && !row.get().isLocal()
                && state.get() != State.DOWNLOADING && state.get() != State.READY, row, state);
        canCancel = state.isEqualTo(State.DOWNLOADING);
        canOpenFile = Bindings.createBooleanBinding(() -> row.get() != null && !row.get().isLocal()
                && state.get() != State.DOWNLOADING, row, state);
        canRemove = Bindings.createBooleanBinding(() -> row.get() != null && (row.get().isLocal()
                || state.get() == State.READY || state.get() == State.PARTIAL || state.get() == State.FAILED),
                row, state);
    }

    /** The row the buttons act on (the table's selection). */
    public ObjectProperty<ModelRow> rowProperty() {
        return row;
    }

    public ModelRow row() {
        return row.get();
    }

    /** The selected model in full: title, name, state and detail, and the catalog's note on it. */
    public StringBinding summary() {
        return summary;
    }

    /** Not a file of the user's own, not there yet, not under way. */
    public BooleanBinding canDownload() {
        return canDownload;
    }

    public BooleanBinding canCancel() {
        return canCancel;
    }

    public BooleanBinding canOpenFile() {
        return canOpenFile;
    }

    public BooleanBinding canRemove() {
        return canRemove;
    }

    private static String summary(ModelRow row, State state, String detail) {
        if (row == null) {
            return "Select a model to download it, open its file or remove it.";
        }
        String note = row.entry().note();
        return row.title() + " (" + row.name() + "): " + state.words()
                + (detail == null || detail.isEmpty() ? "" : " · " + detail) + (note == null ? "" : "\n" + note);
    }
}
