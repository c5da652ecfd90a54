package studio.nada.ui.view;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import studio.nada.clip.ClipHeads;
import studio.nada.ui.service.ClipHeadsNeeded;
import studio.nada.ui.viewmodel.ModelPickerViewModel;

/**
 * Opening a CLIP file that does not tell its attention head counts: asks for them, with the
 * counts that split each width to choose from and those the file allows already chosen.
 */
final class ClipHeadsDialog {
    private ClipHeadsDialog() {}

    static Dialog<ButtonType> ask(Node owner, ClipHeadsNeeded q, ModelPickerViewModel vm) {
        ClipHeads.Inferred in = q.inferred();
        ComboBox<Integer> vision = choices("clipVisionHeads", in.visionWidth(), in.vision());
        ComboBox<Integer> text = choices("clipTextHeads", in.textWidth(), in.text());
        GridPane form = new GridPane();
        form.getStyleClass().add("form");
        form.addRow(0, new Label("Image encoder heads (width " + in.visionWidth() + ")"), vision);
        form.addRow(1, new Label("Text encoder heads (width " + in.textWidth() + ")"), text);
        Label why = new Label(q.file().getFileName() + " does not record how many attention heads its layers have,"
                + " and OpenAI's rule (width / 64) does not fit " + (in.vision() == 0 && in.text() == 0 ? "either width"
                : in.text() == 0 ? "its text width" : "its image width")
                + ". Choose the counts it was trained with (its model card or config says them).");
        why.setWrapText(true);
        why.setMaxWidth(460);
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner.getScene().getWindow());
        d.setTitle("Open CLIP: attention heads");
        d.setHeaderText("How many attention heads?");
        d.getDialogPane().setContent(new VBox(10, why, form));
        d.getDialogPane().setId("clipHeadsDialog");
        d.getDialogPane().getStylesheets().addAll(owner.getScene().getRoot().getStylesheets());
        d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ButtonType.OK);
        d.setOnHidden(e -> {
            if (d.getResult() == ButtonType.OK) {
                vm.answerHeads(vision.getValue(), text.getValue());
            } else {
                vm.cancelHeads();
            }
        });
        d.show();
        return d;
    }

    private static ComboBox<Integer> choices(String id, int width, int inferred) {
        List<Integer> all = ClipHeads.choices(width);
        ComboBox<Integer> box = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(all));
        box.setId(id);
        // the inferred count, else the one nearest OpenAI's 64-wide heads
        box.setValue(inferred > 0 ? inferred : all.stream()
                .min(java.util.Comparator.comparingInt(h -> Math.abs(width / h - 64))).orElse(1));
        return box;
    }
}
