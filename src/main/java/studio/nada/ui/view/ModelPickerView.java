package studio.nada.ui.view;

import java.io.File;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.HBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import studio.nada.ui.viewmodel.ModelManagerViewModel;
import studio.nada.ui.viewmodel.ModelPickerViewModel;
import studio.nada.ui.viewmodel.RunViewModel;
import studio.nada.ui.viewmodel.SessionsViewModel;

/** The tool bar: model set, "Models…" (the model manager), "Open generator…", "Open CLIP…", recent sessions. */
final class ModelPickerView {
    private ModelPickerView() {}

    static ToolBar create(ModelPickerViewModel vm, SessionsViewModel sessions, RunViewModel run,
            ModelManagerViewModel manager) {
        Label title = new Label("NADA Studio");
        title.getStyleClass().add("app-title");
        ComboBox<studio.nada.ui.service.ModelSet> combo = new ComboBox<>(vm.sets());
        combo.setId("modelCombo");
        combo.setPromptText("Models");
        // a fixed width: otherwise every layout pass (one per status update) measures its cells
        combo.setPrefWidth(260);
        vm.currentProperty().addListener((o, a, b) -> combo.getSelectionModel().select(b));
        combo.setOnAction(e -> vm.select(combo.getValue()));
        Button openGenerator = Icons.with(new Button("Open generator…"), "mdi2f-file-image-outline");
        openGenerator.setId("openGenerator");
        openGenerator.setOnAction(e -> choose(openGenerator, "Open a StyleGAN2 generator (.pt)", vm::openGenerator));
        Button openClip = Icons.with(new Button("Open CLIP…"), "mdi2e-eye-outline");
        openClip.setOnAction(e -> choose(openClip, "Open a CLIP model (.pt / .safetensors)", vm::openClip));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.loadingProperty());
        var locked = vm.loadingProperty().or(run.stateProperty().isEqualTo(RunViewModel.State.RUNNING))
                .or(run.stateProperty().isEqualTo(RunViewModel.State.PAUSED))
                .or(run.stateProperty().isEqualTo(RunViewModel.State.STOPPING));
        combo.disableProperty().bind(locked);
        openGenerator.disableProperty().bind(locked);
        openClip.disableProperty().bind(locked);
        Button models = Icons.with(new Button("Models…"), "mdi2p-package-down");
        models.setId("manageModels");
        models.disableProperty().bind(locked);
        models.setOnAction(e -> ModelManagerDialog.show(models, manager, locked));
        MenuButton recent = Icons.with(new MenuButton("Sessions"), "mdi2h-history");
        recent.setId("sessions");
        recent.disableProperty().bind(locked);
        recent.setOnShowing(e -> fillSessions(recent, sessions));
        vm.headsQuestionProperty().addListener((o, a, q) -> {
            if (q != null) {
                // asked on a later turn: a dialog is not built inside the load's completion
                javafx.application.Platform.runLater(() -> ClipHeadsDialog.ask(openClip, q, vm));
            }
        });
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return new ToolBar(title, new Label("Models"), combo, models, openGenerator, openClip, busy, spacer, recent);
    }

    private static void fillSessions(MenuButton menu, SessionsViewModel sessions) {
        menu.getItems().clear();
        for (SessionsViewModel.Entry s : sessions.entries()) {
            MenuItem item = new MenuItem(s.title() + "\n" + s.detail());
            if (s.thumbnail() != null) {
                javafx.scene.image.ImageView thumb = new javafx.scene.image.ImageView(
                        new javafx.scene.image.Image(s.thumbnail().toUri().toString(), 0, 40, true, true, true));
                thumb.setFitHeight(40);
                thumb.setPreserveRatio(true);
                item.setGraphic(thumb);
            }
            item.setOnAction(e -> sessions.open(s.dir(), javafx.application.Platform::runLater));
            menu.getItems().add(item);
            if (s.unfinished()) {
                MenuItem cont = new MenuItem("    Continue " + s.title() + " from its last checkpoint");
                cont.setOnAction(e -> sessions.continueSession(s.dir()));
                menu.getItems().add(cont);
            }
        }
        if (!menu.getItems().isEmpty()) {
            menu.getItems().add(new javafx.scene.control.SeparatorMenuItem());
        }
        MenuItem open = new MenuItem("Open session folder…");
        open.setOnAction(e -> openSessionFolder(menu, sessions));
        menu.getItems().add(open);
    }

    /** A folder chooser that starts in the sessions folder (where every run writes its own). */
    static void openSessionFolder(javafx.scene.Node owner, SessionsViewModel sessions) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open an adaptation session");
        File start = sessions.folder().toFile();
        if (start.isDirectory()) {
            chooser.setInitialDirectory(start);
        } else if (start.getParentFile() != null && start.getParentFile().isDirectory()) {
            chooser.setInitialDirectory(start.getParentFile());
        }
        File dir = chooser.showDialog(owner.getScene().getWindow());
        if (dir != null) {
            sessions.open(dir.toPath(), javafx.application.Platform::runLater);
        }
    }

    static void choose(javafx.scene.Node owner, String title, java.util.function.Consumer<Path> then) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Checkpoints", "*.pt", "*.pth", "*.safetensors"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(owner.getScene().getWindow());
        if (f != null) {
            then.accept(f.toPath());
        }
    }
}
