package studio.nada.ui.view;

import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import studio.nada.ui.viewmodel.ModelManagerViewModel;
import studio.nada.ui.viewmodel.StudioViewModel;

/** The studio window's content: tool bar, prompt and run panel, preview, layer map and loss chart. */
public final class StudioView {
    private StudioView() {}

    public static Parent create(StudioViewModel vm, ModelManagerViewModel manager) {
        TitledPane advanced = new TitledPane("Advanced settings", AdvancedView.create(vm.advanced()));
        advanced.setExpanded(true);
        javafx.scene.control.Button export = Icons.with(new javafx.scene.control.Button("Export…"), "mdi2e-export");
        export.setId("openExport");
        export.setMaxWidth(Double.MAX_VALUE);
        export.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> vm.run().stateProperty().get().active(), vm.run().stateProperty()));
        export.setTooltip(new javafx.scene.control.Tooltip("Export images, animations and the generator ("
                + Shortcuts.EXPORT_KEYS.getDisplayText() + ")"));
        export.setOnAction(e -> ExportDialog.show(export.getScene().getWindow(), vm.prepareExport()));
        VBox left = new VBox(10, PromptView.create(vm.prompt()), RunControlsView.create(vm.run()), export, advanced);
        left.getStyleClass().add("side");
        ScrollPane side = new ScrollPane(left);
        side.setFitToWidth(true);
        side.setPrefWidth(380);
        side.setMinWidth(320);

        Tab map = new Tab("Layer map", LayerMapView.withLegend(vm.layerMap()));
        Tab loss = new Tab("Loss", LossChartView.create(vm.layerMap()));
        Tab photos = new Tab("Photos", PhotosView.create(vm.photos()));
        photos.setId("photosTab");
        TabPane tabs = new TabPane(map, loss, photos);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane center = new SplitPane(PreviewView.create(vm.preview()), tabs);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.58);

        BorderPane root = new BorderPane(center);
        root.setId("studio");
        root.setTop(new VBox(StudioMenus.create(vm, manager),
                ModelPickerView.create(vm.models(), vm.sessions(), vm.run(), manager)));
        root.setLeft(side);
        javafx.scene.layout.StackPane window = new javafx.scene.layout.StackPane(root, Notifier.attach(vm.notices()));
        window.getStylesheets().add(StudioView.class.getResource("/studio/nada/ui/studio.css").toExternalForm());
        return window;
    }

    /** Closing the window mid-run asks first (the checkpoint is kept either way). */
    public static void confirmCloseDuringRun(javafx.stage.Stage stage, StudioViewModel vm) {
        StudioMenus.confirmCloseDuringRun(stage, vm.run());
    }

    /**
     * Ctrl+Enter adapts, Esc stops: an event filter, so they work while a text field has the focus
     * (a field would otherwise take Enter and Esc for itself before a scene accelerator sees them).
     */
    public static void installShortcuts(Scene scene, StudioViewModel vm) {
        KeyCombination adapt = Shortcuts.ADAPT_KEYS;
        KeyCombination stop = Shortcuts.STOP_KEYS;
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (adapt.match(e)) {
                vm.run().adapt();
                e.consume();
            } else if (stop.match(e) && vm.run().stateProperty().get().active()) {
                vm.run().stop();
                e.consume();
            }
        });
    }
}
