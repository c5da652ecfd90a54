package studio.nada.ui.view;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import studio.nada.export.Images;
import studio.nada.ui.viewmodel.PreviewViewModel;

/**
 * One preview cell, large: frozen and adapted side by side, in the studio's dark theme. Esc or
 * Close closes it; Save writes the pair as one PNG (off the FX thread).
 */
final class EnlargedView {
    private static final double SIZE = 384;
    static final ButtonType SAVE = new ButtonType("Save…", ButtonBar.ButtonData.LEFT);

    private EnlargedView() {}

    static Dialog<Void> show(Node owner, PreviewViewModel.Cell cell) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner.getScene().getWindow());
        dialog.setTitle("Seed " + cell.seed());
        HBox pair = new HBox(12, labelled("frozen", cell.frozen()), labelled("adapted", cell.trained()));
        Label saved = new Label();
        saved.setId("enlargedSaved");
        saved.getStyleClass().add("hint");
        VBox content = new VBox(8, pair, saved);
        content.setId("enlarged");
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getRoot().getStylesheets());
        dialog.getDialogPane().getButtonTypes().addAll(SAVE, ButtonType.CLOSE);
        Button save = (Button) dialog.getDialogPane().lookupButton(SAVE);
        save.setId("saveEnlarged");
        // a button of the dialog closes it unless its action is consumed: Save keeps it open
        save.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            e.consume();
            save(dialog, cell, saved);
        });
        dialog.getDialogPane().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                dialog.close();
                e.consume();
            }
        });
        dialog.show();
        return dialog;
    }

    private static void save(Dialog<Void> dialog, PreviewViewModel.Cell cell, Label saved) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save seed " + cell.seed());
        chooser.setInitialFileName("seed" + cell.seed() + (cell.trained() == null ? "" : "_frozen_adapted") + ".png");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File f = chooser.showSaveDialog(dialog.getDialogPane().getScene().getWindow());
        if (f == null) {
            return;
        }
        List<Images.Argb> images = new ArrayList<>();
        images.add(cell.frozen());
        if (cell.trained() != null) {
            images.add(cell.trained());
        }
        saved.setText("Saving…");
        CompletableFuture.runAsync(() -> {
            try {
                Images.writePng(f.toPath(), Images.grid(images, images.size(), 2));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).whenComplete((ok, e) -> Platform.runLater(() -> saved.setText(e == null ? "Saved " + f
                : "Could not save " + f + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()))));
    }

    private static VBox labelled(String caption, Images.Argb image) {
        ImageView v = new ImageView(image == null ? null : FxImages.toImage(image));
        v.setFitWidth(SIZE);
        v.setFitHeight(SIZE);
        v.setPreserveRatio(true);
        v.setSmooth(false);
        Label l = new Label(image == null ? caption + " (after Adapt)" : caption);
        if (image == null) {
            Label placeholder = new Label("Not adapted yet");
            placeholder.getStyleClass().add("preview-placeholder");
            placeholder.setPrefSize(SIZE, SIZE);
            placeholder.setAlignment(javafx.geometry.Pos.CENTER);
            return new VBox(6, placeholder, l);
        }
        return new VBox(6, v, l);
    }
}
