package studio.nada.ui.view;

import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import studio.nada.export.Images;
import studio.nada.ui.viewmodel.PreviewViewModel;

/** One preview cell, large: frozen and adapted side by side. */
final class EnlargedView {
    private static final double SIZE = 384;

    private EnlargedView() {}

    static void show(Node owner, PreviewViewModel.Cell cell) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner.getScene().getWindow());
        dialog.setTitle("Seed " + cell.seed());
        HBox pair = new HBox(12, labelled("frozen", cell.frozen()), labelled("adapted", cell.trained()));
        dialog.getDialogPane().setContent(pair);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.show();
    }

    private static VBox labelled(String caption, Images.Argb image) {
        ImageView v = new ImageView(image == null ? null : FxImages.toImage(image));
        v.setFitWidth(SIZE);
        v.setFitHeight(SIZE);
        v.setPreserveRatio(true);
        v.setSmooth(false);
        return new VBox(6, v, new Label(image == null ? caption + " (not adapted yet)" : caption));
    }
}
