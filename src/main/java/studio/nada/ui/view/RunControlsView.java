package studio.nada.ui.view;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import studio.nada.ui.viewmodel.RunViewModel;
import studio.nada.ui.viewmodel.RunViewModel.State;

/** Adapt / Pause / Resume / Stop, the progress bar, iteration count and ETA. */
final class RunControlsView {
    private RunControlsView() {}

    static VBox create(RunViewModel vm) {
        Button adapt = Icons.with(new Button("Adapt"), "mdi2p-play");
        adapt.setId("adapt");
        adapt.getStyleClass().add("accent");
        adapt.setOnAction(e -> vm.adapt());
        Button pause = Icons.with(new Button("Pause"), "mdi2p-pause");
        pause.setId("pause");
        pause.setOnAction(e -> vm.pause());
        Button resume = Icons.with(new Button("Resume"), "mdi2p-play-pause");
        resume.setId("resume");
        resume.setOnAction(e -> vm.resume());
        Button stop = Icons.with(new Button("Stop"), "mdi2s-stop");
        stop.setId("stop");
        stop.setOnAction(e -> vm.stop());
        var state = vm.stateProperty();
        adapt.disableProperty().bind(Bindings.createBooleanBinding(() -> state.get().active(), state));
        pause.disableProperty().bind(state.isNotEqualTo(State.RUNNING));
        resume.disableProperty().bind(state.isNotEqualTo(State.PAUSED));
        stop.disableProperty().bind(Bindings.createBooleanBinding(() -> !state.get().active()
                || state.get() == State.STOPPING, state));

        adapt.setTooltip(new Tooltip("Adapt the generator to the target (" + Shortcuts.ADAPT + ")"));
        pause.setTooltip(new Tooltip("Pause the run; Resume goes on from the same step"));
        stop.setTooltip(new Tooltip("Stop the run, keeping its checkpoint and generator (" + Shortcuts.STOP + ")"));

        ProgressBar bar = new ProgressBar();
        bar.setId("progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        Label eta = new Label();
        eta.setId("eta");
        eta.setMinWidth(Region.USE_PREF_SIZE);
        eta.textProperty().bind(vm.etaProperty());
        HBox progress = new HBox(8, bar, eta);
        progress.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(bar, Priority.ALWAYS);
        // the status wraps rather than being cut ("loss 2.3388 · similari…"); the tooltip has it all
        Label status = new Label();
        status.setId("status");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().bind(vm.statusProperty());
        Tooltip full = new Tooltip();
        full.textProperty().bind(Bindings.concat(vm.statusProperty(), "\n", vm.etaProperty()));
        status.setTooltip(full);
        Label keys = new Label(Shortcuts.ADAPT + " adapts  ·  " + Shortcuts.STOP + " stops");
        keys.getStyleClass().add("hint");
        HBox buttons = new HBox(6, adapt, pause, resume, stop);
        VBox box = new VBox(8, buttons, keys, progress, status);
        box.getStyleClass().add("panel");
        return box;
    }
}
