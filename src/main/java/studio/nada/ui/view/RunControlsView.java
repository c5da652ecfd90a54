package studio.nada.ui.view;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
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

        ProgressBar bar = new ProgressBar();
        bar.setId("progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(vm.progressProperty());
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.statusProperty());
        Label eta = new Label();
        eta.setId("eta");
        eta.textProperty().bind(vm.etaProperty());
        HBox buttons = new HBox(6, adapt, pause, resume, stop);
        HBox info = new HBox(8, status, new javafx.scene.layout.Region(), eta);
        HBox.setHgrow(info.getChildren().get(1), Priority.ALWAYS);
        VBox box = new VBox(8, buttons, bar, info);
        box.getStyleClass().add("panel");
        return box;
    }
}
