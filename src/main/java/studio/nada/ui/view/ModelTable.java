package studio.nada.ui.view;

import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import studio.nada.ui.viewmodel.ModelManagerViewModel;
import studio.nada.ui.viewmodel.ModelRow;

/**
 * The model manager's table: model, kind, domain, size, state with a progress bar, detail. One
 * line a row (a long detail ends in "…", whole in its tooltip and under the table for the
 * selected row), so rows keep one height while their text changes.
 */
final class ModelTable {
    private ModelTable() {}

    static TableView<ModelRow> create(ModelManagerViewModel vm) {
        TableView<ModelRow> table = new TableView<>(vm.rows());
        table.setId("modelTable");
        table.setPlaceholder(new Label("Reading the catalog…"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ModelRow, ModelRow> model = column("Model", r -> new ReadOnlyObjectWrapper<>(r), 230);
        model.setCellFactory(c -> new TextCell<>(ModelRow::title, r -> r.name() + (r.entry().note() == null ? ""
                : "\n" + r.entry().note())));
        TableColumn<ModelRow, String> kind = column("Kind", r -> new ReadOnlyObjectWrapper<>(r.kind().label()), 70);
        TableColumn<ModelRow, String> domain = column("Domain", r -> new ReadOnlyObjectWrapper<>(r.domain()), 70);
        TableColumn<ModelRow, String> size = column("Size", ModelRow::sizeProperty, 70);
        TableColumn<ModelRow, ModelRow> state = column("State", r -> new ReadOnlyObjectWrapper<>(r), 130);
        state.setCellFactory(c -> new StateCell());
        TableColumn<ModelRow, String> detail = column("Detail", ModelRow::detailProperty, 260);
        detail.setCellFactory(c -> new TextCell<>(s -> s, s -> s));
        table.getColumns().setAll(java.util.List.of(model, kind, domain, size, state, detail));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selection().rowProperty().set(b));
        return table;
    }

    private static <T> TableColumn<ModelRow, T> column(String title,
            Function<ModelRow, ObservableValue<T>> value, double width) {
        TableColumn<ModelRow, T> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> value.apply(f.getValue()));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 60));
        return c;
    }

    /** Text that may not fit, the whole of it (and more) in a tooltip. */
    private static final class TextCell<T> extends TableCell<ModelRow, T> {
        private final Function<T, String> text;
        private final Function<T, String> tip;
        private final Tooltip tooltip = new Tooltip();

        TextCell(Function<T, String> text, Function<T, String> tip) {
            this.text = text;
            this.tip = tip;
            tooltip.setWrapText(true);
            tooltip.setMaxWidth(480);
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : text.apply(item));
            tooltip.setText(empty || item == null ? null : tip.apply(item));
            setTooltip(empty || item == null ? null : tooltip);
        }
    }

    /** The state in words (colored by a style class per state), with a progress bar while downloading or partly downloaded. */
    private static final class StateCell extends TableCell<ModelRow, ModelRow> {
        private final Label words = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final VBox box = new VBox(3, words, bar);
        private final ChangeListener<ModelRow.State> onState = (o, a, b) -> show(b);
        private ModelRow shown;

        StateCell() {
            box.setAlignment(Pos.CENTER_LEFT);
            words.getStyleClass().add("model-state");
            bar.getStyleClass().add("model-progress");
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.managedProperty().bind(bar.visibleProperty());
        }

        @Override
        protected void updateItem(ModelRow row, boolean empty) {
            super.updateItem(row, empty);
            if (shown != null) {
                shown.stateProperty().removeListener(onState);
                bar.progressProperty().unbind();
                bar.visibleProperty().unbind();
            }
            shown = empty ? null : row;
            if (shown == null) {
                setGraphic(null);
                return;
            }
            shown.stateProperty().addListener(onState);
            bar.progressProperty().bind(shown.progressProperty());
            ModelRow row0 = shown;
            // a cut download shows its share when it is known
            bar.visibleProperty().bind(Bindings.createBooleanBinding(() -> row0.state() == ModelRow.State.DOWNLOADING
                    || row0.state() == ModelRow.State.PARTIAL && row0.progressProperty().get() > 0,
                    row0.stateProperty(), row0.progressProperty()));
            show(shown.state());
            setGraphic(box);
        }

        private void show(ModelRow.State s) {
            words.setText(s.words());
            words.getStyleClass().removeIf(c -> c.startsWith("model-state-"));
            words.getStyleClass().add("model-state-" + s.name().toLowerCase(java.util.Locale.ROOT));
        }
    }
}
