package studio.nada.ui.view;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.stage.Window;

/** Asks for the eyes (two clicks) and, optionally, the mouth (a third) on a photo, for the FFHQ alignment. */
final class FacePointsDialog {
    private static final double VIEW = 512;

    private FacePointsDialog() {}

    static CompletableFuture<double[][]> ask(Window owner, Path file, BufferedImage photo) {
        CompletableFuture<double[][]> out = new CompletableFuture<>();
        javafx.application.Platform.runLater(() -> {
            double scale = Math.min(VIEW / photo.getWidth(), VIEW / photo.getHeight());
            ImageView view = new ImageView(SwingFXUtils.toFXImage(photo, null));
            view.setFitWidth(photo.getWidth() * scale);
            view.setFitHeight(photo.getHeight() * scale);
            Pane canvas = new Pane(view);
            List<double[]> points = new ArrayList<>();
            Label help = new Label("Click the left eye, then the right eye; a third click marks the mouth (optional).");
            canvas.setOnMouseClicked(e -> {
                if (points.size() >= 3) {
                    points.clear();
                    canvas.getChildren().retainAll(view);
                }
                points.add(new double[] {e.getX() / scale, e.getY() / scale});
                canvas.getChildren().add(new Circle(e.getX(), e.getY(), 4, points.size() <= 2 ? Color.LIME : Color.ORANGE));
            });
            Dialog<ButtonType> d = new Dialog<>();
            d.initOwner(owner);
            d.setTitle("Align " + file.getFileName());
            d.getDialogPane().setContent(new VBox(8, help, canvas));
            ButtonType ok = new ButtonType("Align", ButtonBar.ButtonData.OK_DONE);
            d.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
            d.getDialogPane().lookupButton(ok).disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                    () -> points.size() < 2, canvas.getChildren()));
            d.showAndWait().ifPresentOrElse(b -> out.complete(b == ok ? points.toArray(new double[0][]) : null),
                    () -> out.complete(null));
        });
        return out;
    }
}
