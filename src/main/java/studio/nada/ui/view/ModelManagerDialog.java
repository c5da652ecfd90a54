package studio.nada.ui.view;

import java.io.File;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import studio.nada.ui.viewmodel.ModelManagerViewModel;
import studio.nada.ui.viewmodel.ModelRow;

/**
 * The model manager window, owned by the studio window and not modal (downloads go on while the
 * user works): the catalog's table, the buttons for the selected model, and the choice of a ready
 * generator and CLIP models to use. One per studio, shown again when reopened.
 */
public final class ModelManagerDialog {
    private static final String KEY = ModelManagerDialog.class.getName();

    private ModelManagerDialog() {}

    /**
     * Shows the manager opened from {@code anchor} (built the first time, kept with the anchor, so
     * a studio built anew on the same window gets its own), owned by the anchor's window. {@code
     * locked} is true while the models may not change (a run or a load under way).
     */
    public static Stage show(Node anchor, ModelManagerViewModel vm, ObservableBooleanValue locked) {
        Window owner = anchor.getScene().getWindow();
        Stage stage = (Stage) anchor.getProperties().computeIfAbsent(KEY, k -> create(owner, vm, locked));
        stage.show();
        stage.toFront();
        return stage;
    }

    private static Stage create(Window owner, ModelManagerViewModel vm, ObservableBooleanValue locked) {
        TableView<ModelRow> table = ModelTable.create(vm);
        Button download = Icons.with(new Button("Download"), "mdi2d-download");
        download.setId("downloadButton");
        download.disableProperty().bind(vm.selection().canDownload().not());
        download.setOnAction(e -> vm.download(vm.selection().row()));
        Button cancel = Icons.with(new Button("Cancel"), "mdi2c-close-circle-outline");
        cancel.setId("cancelDownload");
        cancel.disableProperty().bind(vm.selection().canCancel().not());
        cancel.setOnAction(e -> vm.cancel(vm.selection().row()));
        Button open = Icons.with(new Button("Open file…"), "mdi2f-folder-open-outline");
        open.setId("openModelFile");
        open.disableProperty().bind(vm.selection().canOpenFile().not());
        open.setOnAction(e -> openFile(open, vm));
        Button remove = Icons.with(new Button("Remove"), "mdi2d-delete-outline");
        remove.setId("removeModel");
        remove.disableProperty().bind(vm.selection().canRemove().not());
        remove.setOnAction(e -> vm.remove(vm.selection().row()));
        Label where = new Label("Models are kept in " + vm.cacheFolder());
        where.getStyleClass().add("recommended-for");
        where.setMinWidth(0);
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button close = new Button("Close");
        close.setId("closeModels");
        close.setCancelButton(true); // Esc too
        close.setOnAction(e -> close.getScene().getWindow().hide());
        HBox buttons = new HBox(8, download, cancel, open, remove, spacer, where, close);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        VBox top = new VBox(8);
        if (vm.catalogProblem() != null) {
            Label problem = new Label("Only the built-in catalog is shown. " + vm.catalogProblem());
            problem.setId("catalogProblem");
            problem.setWrapText(true);
            problem.getStyleClass().add("catalog-problem");
            top.getChildren().add(problem);
        }
        Label detail = new Label();
        detail.setId("modelDetail");
        detail.setWrapText(true);
        detail.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        detail.textProperty().bind(vm.selection().summary());
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox center = new VBox(8, table, detail, buttons);
        BorderPane root = new BorderPane(center);
        root.setTop(top.getChildren().isEmpty() ? null : top);
        root.setBottom(ModelChoiceView.create(vm, locked));
        root.setPadding(new Insets(10));
        root.getStyleClass().add("model-manager");
        BorderPane.setMargin(root.getBottom(), new Insets(10, 0, 0, 0));
        if (root.getTop() != null) {
            BorderPane.setMargin(top, new Insets(0, 0, 8, 0));
        }
        root.getStylesheets().add(ModelManagerDialog.class.getResource("/studio/nada/ui/studio.css").toExternalForm());

        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Models");
        stage.setScene(new Scene(root, Math.min(1120, screen.getWidth() - 40), Math.min(680, screen.getHeight() - 40)));
        stage.setMinWidth(Math.min(640, screen.getWidth()));
        stage.setMinHeight(Math.min(420, screen.getHeight()));
        return stage;
    }

    private static void openFile(Button owner, ModelManagerViewModel vm) {
        ModelRow row = vm.selection().row();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open the file of " + row.title());
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Checkpoints", "*.pt", "*.pth", "*.bin",
                "*.safetensors"), new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(owner.getScene().getWindow());
        if (f != null) {
            vm.openFile(row, f.toPath());
        }
    }
}
