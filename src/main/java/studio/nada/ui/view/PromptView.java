package studio.nada.ui.view;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.textfield.TextFields;
import studio.nada.ui.viewmodel.PromptPresets;
import studio.nada.ui.viewmodel.PromptViewModel;

/** Source and target text, suggestions, and the drop area for style images. */
final class PromptView {
    private PromptView() {}

    /** Suggestions containing what was typed; none once it matches one exactly (the popup closes). */
    private static java.util.List<String> complete(PromptViewModel vm,
            java.util.function.Function<PromptPresets.Preset, String> side, String typed) {
        String t = typed == null ? "" : typed.trim().toLowerCase(java.util.Locale.ROOT);
        java.util.List<String> all = vm.suggestions().stream().map(side).distinct().toList();
        if (t.isEmpty() || all.contains(t)) {
            return java.util.List.of();
        }
        return all.stream().filter(s -> s.contains(t)).toList();
    }

    static VBox create(PromptViewModel vm) {
        TextField source = new TextField();
        source.setId("source");
        source.promptTextProperty().bind(Bindings.createStringBinding(() -> "what it draws now, e.g. "
                + vm.defaultPromptProperty().get().source(), vm.defaultPromptProperty()));
        source.textProperty().bindBidirectional(vm.sourceProperty());
        TextField target = new TextField();
        target.setId("target");
        target.promptTextProperty().bind(Bindings.createStringBinding(() -> "what it should draw, e.g. "
                + vm.defaultPromptProperty().get().target(), vm.defaultPromptProperty()));
        target.textProperty().bindBidirectional(vm.targetProperty());
        TextFields.bindAutoCompletion(source, r -> complete(vm, PromptPresets.Preset::source, r.getUserText()));
        TextFields.bindAutoCompletion(target, r -> complete(vm, PromptPresets.Preset::target, r.getUserText()));

        MenuButton suggestions = Icons.with(new MenuButton("Suggestions"), "mdi2l-lightbulb-outline");
        suggestions.setOnShowing(e -> {
            suggestions.getItems().clear();
            for (PromptPresets.Preset p : vm.suggestions()) {
                MenuItem item = new MenuItem(p.toString());
                item.setOnAction(a -> vm.apply(p));
                suggestions.getItems().add(item);
            }
        });

        GridPane form = new GridPane();
        form.getStyleClass().add("form");
        form.addRow(0, new Label("Source"), source);
        form.addRow(1, new Label("Target"), target);
        GridPane.setHgrow(source, javafx.scene.layout.Priority.ALWAYS);
        GridPane.setHgrow(target, javafx.scene.layout.Priority.ALWAYS);

        VBox images = StyleImagesView.create(vm);

        Label heading = new Label("Prompt");
        heading.getStyleClass().add("section-title");
        VBox box = new VBox(8, heading, form, suggestions, images);
        box.getStyleClass().add("panel");
        return box;
    }
}
