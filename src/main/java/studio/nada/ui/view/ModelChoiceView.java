package studio.nada.ui.view;

import javafx.beans.binding.BooleanExpression;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import studio.nada.ui.viewmodel.ModelManagerViewModel;
import studio.nada.ui.viewmodel.ModelRow;

/** The manager's bottom: a ready generator, ticked ready CLIP models, "Use these models". */
final class ModelChoiceView {
    private ModelChoiceView() {}

    static Node create(ModelManagerViewModel vm, ObservableBooleanValue locked) {
        Label title = new Label("Use downloaded models");
        title.getStyleClass().add("section-title");
        ComboBox<ModelRow> generator = new ComboBox<>(vm.readyGenerators());
        generator.setId("generatorChoice");
        generator.setPromptText("a ready generator");
        generator.setMaxWidth(Double.MAX_VALUE);
        generator.valueProperty().bindBidirectional(vm.chosenGeneratorProperty());
        ListView<ModelRow> clips = new ListView<>(vm.readyClips());
        clips.setId("clipChoice");
        clips.setCellFactory(CheckBoxListCell.forListView(ModelRow::chosenClipProperty));
        clips.setPrefHeight(64);
        clips.setMinHeight(40);
        clips.setPlaceholder(new Label("no CLIP model is ready: download one above"));
        Button use = Icons.with(new Button("Use these models"), "mdi2c-check-bold");
        use.setId("useModels");
        use.getStyleClass().add("accent");
        use.disableProperty().bind(vm.canUse().not().or(BooleanExpression.booleanExpression(locked)));
        use.setOnAction(e -> vm.useChosen());

        GridPane grid = new GridPane();
        grid.getStyleClass().add("form");
        grid.add(title, 0, 0, 3, 1);
        grid.addRow(1, new Label("Generator"), generator);
        grid.addRow(2, new Label("CLIP"), clips, use);
        GridPane.setHgrow(generator, Priority.ALWAYS);
        GridPane.setHgrow(clips, Priority.ALWAYS);
        GridPane.setValignment(use, javafx.geometry.VPos.BOTTOM);
        grid.setAlignment(Pos.CENTER_LEFT);
        return grid;
    }
}
