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
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import studio.nada.ui.viewmodel.StudioViewModel;

/** The studio window's content: tool bar, prompt and run panel, preview, layer map and loss chart. */
public final class StudioView {
    private StudioView() {}

    public static Parent create(StudioViewModel vm) {
        TitledPane advanced = new TitledPane("Advanced settings", AdvancedView.create(vm.advanced()));
        advanced.setExpanded(true);
        VBox left = new VBox(10, PromptView.create(vm.prompt()), RunControlsView.create(vm.run()), advanced);
        left.getStyleClass().add("side");
        ScrollPane side = new ScrollPane(left);
        side.setFitToWidth(true);
        side.setPrefWidth(380);
        side.setMinWidth(320);

        Tab map = new Tab("Layer map", new LayerMapView(vm.layerMap()));
        Tab loss = new Tab("Loss", LossChartView.create(vm.layerMap()));
        TabPane tabs = new TabPane(map, loss);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane center = new SplitPane(PreviewView.create(vm.preview()), tabs);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.62);

        BorderPane root = new BorderPane(center);
        root.setId("studio");
        root.setTop(ModelPickerView.create(vm.models(), vm.sessions(), vm.run()));
        root.setLeft(side);
        root.getStylesheets().add(StudioView.class.getResource("/studio/nada/ui/studio.css").toExternalForm());
        Notifier.attach(vm.notices(), root);
        return root;
    }

    /** Ctrl+Enter adapts, Esc stops. */
    public static void installShortcuts(Scene scene, StudioViewModel vm) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), vm.run()::adapt);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), vm.run()::stop);
    }
}
