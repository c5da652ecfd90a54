package studio.nada.ui.view;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import studio.nada.ui.viewmodel.PromptViewModel;

/**
 * The style images: a drop zone that also opens a file chooser when clicked, and a thumbnail per
 * chosen image with a button that takes it out. Thumbnails load in the background (JavaFX's own
 * image loader), so a large photo never holds the FX thread.
 */
final class StyleImagesView {
    static final double THUMB = 56;

    private StyleImagesView() {}

    static VBox create(PromptViewModel vm) {
        FlowPane thumbs = new FlowPane(6, 6);
        thumbs.setId("styleThumbs");
        Label hint = new Label("Drop target-style images here or click to choose (optional)");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        Button add = Icons.with(new Button("Add images…"), "mdi2i-image-plus");
        add.setId("addStyleImages");
        VBox zone = new VBox(6, hint, thumbs, add);
        zone.setId("styleImages");
        zone.getStyleClass().add("drop-area");
        zone.setAlignment(Pos.CENTER_LEFT);
        Runnable choose = () -> choose(zone, vm);
        add.setOnAction(e -> choose.run());
        zone.setOnMouseClicked(e -> {
            if (e.getTarget() == zone || e.getTarget() == hint || e.getTarget() == thumbs) {
                choose.run();
            }
        });
        zone.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        zone.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles()
                    && vm.addStyleImages(e.getDragboard().getFiles().stream().map(File::toPath).toList()) > 0;
            e.setDropCompleted(ok);
            e.consume();
        });
        vm.styleImages().addListener((ListChangeListener<Path>) c -> show(thumbs, vm));
        show(thumbs, vm);
        return zone;
    }

    private static void choose(VBox owner, PromptViewModel vm) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose target-style images");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Images", PromptViewModel.imagePatterns()),
                new FileChooser.ExtensionFilter("All files", "*"));
        List<File> files = chooser.showOpenMultipleDialog(owner.getScene().getWindow());
        if (files != null) {
            vm.addStyleImages(files.stream().map(File::toPath).toList());
        }
    }

    private static void show(FlowPane thumbs, PromptViewModel vm) {
        thumbs.getChildren().clear();
        for (Path p : vm.styleImages()) {
            ImageView view = new ImageView(new Image(p.toUri().toString(), THUMB, THUMB, true, true, true));
            view.setFitWidth(THUMB);
            view.setFitHeight(THUMB);
            view.setPreserveRatio(true);
            Button remove = new Button("✕");
            remove.getStyleClass().add("thumb-remove");
            remove.setTooltip(new Tooltip("Remove " + p.getFileName()));
            remove.setOnAction(e -> vm.removeStyleImage(p));
            StackPane thumb = new StackPane(view, remove);
            thumb.getStyleClass().add("style-thumb");
            thumb.setUserData(p);
            StackPane.setAlignment(remove, Pos.TOP_RIGHT);
            Tooltip.install(thumb, new Tooltip(p.toString()));
            thumbs.getChildren().add(thumb);
        }
        thumbs.setVisible(!vm.styleImages().isEmpty());
        thumbs.setManaged(thumbs.isVisible());
    }
}
