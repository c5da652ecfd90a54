package studio.nada.ui.view;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import studio.nada.ui.service.AboutInfo;
import studio.nada.ui.viewmodel.ModelManagerViewModel;
import studio.nada.ui.viewmodel.RunViewModel;
import studio.nada.ui.viewmodel.StudioViewModel;

/**
 * The menu bar. File: open a generator or CLIP model, the model manager, a session folder,
 * export, quit. Run: adapt, pause, resume, stop. Help: the shortcuts and About (versions and
 * licenses). Each item names its shortcut; they do what the tool bar's buttons do.
 */
final class StudioMenus {
    private StudioMenus() {}

    static MenuBar create(StudioViewModel vm, ModelManagerViewModel manager) {
        var state = vm.run().stateProperty();
        BooleanBinding running = Bindings.createBooleanBinding(() -> state.get().active(), state);
        BooleanBinding locked = vm.models().loadingProperty().or(running);
        MenuBar bar = new MenuBar();
        bar.setId("menuBar");

        MenuItem openGenerator = item("Open generator…", "menuOpenGenerator", locked);
        openGenerator.setAccelerator(Shortcuts.OPEN_GENERATOR_KEYS);
        openGenerator.setOnAction(e -> ModelPickerView.choose(bar, "Open a StyleGAN2 generator (.pt)",
                vm.models()::openGenerator));
        MenuItem openClip = item("Open CLIP…", "menuOpenClip", locked);
        openClip.setOnAction(e -> ModelPickerView.choose(bar, "Open a CLIP model (.pt / .safetensors)",
                vm.models()::openClip));
        MenuItem models = item("Models…", "menuModels", locked);
        models.setOnAction(e -> ModelManagerDialog.show(bar, manager, locked));
        MenuItem session = item("Open session folder…", "menuOpenSession", locked);
        session.setOnAction(e -> ModelPickerView.openSessionFolder(bar, vm.sessions()));
        MenuItem export = item("Export…", "menuExport", running);
        export.setAccelerator(Shortcuts.EXPORT_KEYS);
        export.setOnAction(e -> ExportDialog.show(bar.getScene().getWindow(), vm.prepareExport()));
        MenuItem quit = new MenuItem("Quit");
        quit.setId("menuQuit");
        quit.setAccelerator(Shortcuts.QUIT_KEYS);
        quit.setOnAction(e -> {
            Window w = bar.getScene().getWindow();
            // the same way as the window's close button: a run going is asked about first
            w.fireEvent(new WindowEvent(w, WindowEvent.WINDOW_CLOSE_REQUEST));
        });
        Menu file = new Menu("File", null, openGenerator, openClip, models, new SeparatorMenuItem(), session,
                new SeparatorMenuItem(), export, new SeparatorMenuItem(), quit);

        // the run's shortcuts are the scene filter's (they work inside text fields); shown here
        MenuItem adapt = item("Adapt  (" + Shortcuts.ADAPT + ")", "menuAdapt", running);
        adapt.setOnAction(e -> vm.run().adapt());
        MenuItem pause = item("Pause", "menuPause", state.isNotEqualTo(RunViewModel.State.RUNNING));
        pause.setOnAction(e -> vm.run().pause());
        MenuItem resume = item("Resume", "menuResume", state.isNotEqualTo(RunViewModel.State.PAUSED));
        resume.setOnAction(e -> vm.run().resume());
        MenuItem stop = item("Stop  (" + Shortcuts.STOP + ")", "menuStop", running.not());
        stop.setOnAction(e -> vm.run().stop());
        Menu run = new Menu("Run", null, adapt, pause, resume, stop);

        MenuItem keys = new MenuItem("Keyboard shortcuts");
        keys.setId("menuShortcuts");
        keys.setOnAction(e -> info(bar, "Keyboard shortcuts", Shortcuts.table()));
        MenuItem about = new MenuItem("About NADA Studio");
        about.setId("menuAbout");
        about.setOnAction(e -> info(bar, "About NADA Studio", AboutInfo.text()));
        Menu help = new Menu("Help", null, keys, about);
        bar.getMenus().addAll(file, run, help);
        return bar;
    }

    private static MenuItem item(String text, String id, javafx.beans.value.ObservableBooleanValue disabled) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        i.disableProperty().bind(Bindings.createBooleanBinding(disabled::get, disabled));
        return i;
    }

    /** A dark, resizable, non-modal text window (Esc closes it). */
    private static void info(Node owner, String title, String text) {
        Alert a = new Alert(Alert.AlertType.NONE, "", ButtonType.CLOSE);
        a.initOwner(owner.getScene().getWindow());
        a.initModality(javafx.stage.Modality.NONE);
        a.setTitle(title);
        a.setHeaderText(title);
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefSize(560, 380);
        area.setId("infoText");
        a.getDialogPane().setContent(area);
        a.getDialogPane().getStylesheets().addAll(owner.getScene().getRoot().getStylesheets());
        a.setResizable(true);
        a.show();
    }

    /** Closing the window while a run is going asks first; the run's last checkpoint is kept either way. */
    static void confirmCloseDuringRun(Stage stage, RunViewModel run) {
        stage.setOnCloseRequest(e -> {
            String question = run.closeQuestion();
            if (question == null) {
                return;
            }
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.CANCEL, ButtonType.OK);
            ask.initOwner(stage);
            ask.setTitle("Quit during a run?");
            ask.setHeaderText("Quit during a run?");
            ask.getDialogPane().getStylesheets().addAll(stage.getScene().getRoot().getStylesheets());
            ((javafx.scene.control.Button) ask.getDialogPane().lookupButton(ButtonType.OK)).setText("Quit");
            if (ask.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
                e.consume();
            }
        });
    }
}
