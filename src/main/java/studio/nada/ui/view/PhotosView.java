package studio.nada.ui.view;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.image.ImageView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import studio.nada.export.Images;
import studio.nada.ui.service.PhotoService;
import studio.nada.ui.viewmodel.PhotoRow;
import studio.nada.ui.viewmodel.PhotosViewModel;

/**
 * The Photos panel: drop photos (or Add photos…), each row shows photo | reconstruction | one cell
 * per adapted domain, its progress and PSNR; click a cell to enlarge it; export a row or all rows.
 */
public final class PhotosView {
    private static final double TILE = 96;

    private PhotosView() {}

    public static Node create(PhotosViewModel vm) {
        Button add = Icons.with(new Button("Add photos…"), "mdi2i-image-plus");
        add.setId("addPhotos");
        Button domain = Icons.with(new Button("Add domain…"), "mdi2f-file-image-outline");
        domain.setId("addDomain");
        CheckBox faces = new CheckBox("Align faces (click the eyes)");
        faces.setId("alignFaces");
        faces.selectedProperty().bindBidirectional(vm.alignFacesProperty());
        Spinner<Integer> steps = new Spinner<>(10, 5000, vm.stepsProperty().get(), 50);
        steps.setEditable(true);
        steps.setPrefWidth(90);
        steps.valueProperty().addListener((o, a, b) -> vm.stepsProperty().set(b));
        vm.stepsProperty().addListener((o, a, b) -> steps.getValueFactory().setValue(b.intValue()));
        Button exportAll = Icons.with(new Button("Export all…"), "mdi2e-export");
        exportAll.setId("exportPhotos");
        exportAll.disableProperty().bind(Bindings.isEmpty(vm.rows()));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bar = new HBox(8, add, domain, faces, new Label("steps"), steps, gap, exportAll);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));

        VBox list = new VBox(8);
        list.setId("photoRows");
        list.setPadding(new Insets(6));
        Label hint = new Label("Drop photos here (PNG, JPEG, WebP), or Add photos…. Each is aligned, inverted into the"
                + " generator and shown in every adapted domain.");
        hint.setId("photosHint");
        hint.setWrapText(true);
        hint.visibleProperty().bind(Bindings.isEmpty(vm.rows()));
        hint.managedProperty().bind(hint.visibleProperty());
        vm.rows().addListener((ListChangeListener<PhotoRow>) c -> {
            while (c.next()) {
                for (PhotoRow r : c.getRemoved()) {
                    list.getChildren().removeIf(n -> n.getUserData() == r);
                }
                for (PhotoRow r : c.getAddedSubList()) {
                    list.getChildren().add(row(vm, r));
                }
            }
        });
        ScrollPane scroll = new ScrollPane(new VBox(hint, list));
        scroll.setFitToWidth(true);
        BorderPane root = new BorderPane(scroll);
        root.setTop(bar);
        root.setId("photos");
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> drop(vm, e));
        add.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.setTitle("Add photos");
            c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg",
                    "*.webp", "*.bmp", "*.gif"), new FileChooser.ExtensionFilter("All files", "*"));
            List<File> files = c.showOpenMultipleDialog(root.getScene().getWindow());
            if (files != null) {
                vm.addFiles(files.stream().map(File::toPath).toList());
            }
        });
        domain.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.setTitle("Add an adapted generator (a session's generator.pt)");
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Generators", "*.pt", "*.safetensors"));
            File f = c.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                vm.addDomain(f.toPath());
            }
        });
        exportAll.setOnAction(e -> chooseFolder(root).ifPresent(dir -> vm.export(List.copyOf(vm.rows()), dir)));
        vm.setFacePoints((file, photo) -> FacePointsDialog.ask(root.getScene().getWindow(), file, photo));
        return root;
    }

    /** What a drop of files does: every file is offered to the view model, which reads and checks it. */
    static void drop(PhotosViewModel vm, DragEvent e) {
        boolean ok = e.getDragboard().hasFiles();
        if (ok) {
            vm.addFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
        }
        e.setDropCompleted(ok);
        e.consume();
    }

    private static Node row(PhotosViewModel vm, PhotoRow r) {
        HBox cells = new HBox(6, cell("photo", r.aligned()), cell("reconstruction", null));
        VBox recon = (VBox) cells.getChildren().get(1);
        r.reconstructionProperty().addListener((o, a, b) -> setImage(recon, b));
        r.domains().addListener((ListChangeListener<PhotoService.DomainImage>) c -> {
            cells.getChildren().remove(2, cells.getChildren().size());
            for (PhotoService.DomainImage d : r.domains()) {
                cells.getChildren().add(cell(d.name(), d.image()));
            }
        });
        Label name = new Label(r.name());
        name.getStyleClass().add("photo-name");
        Label status = new Label();
        status.textProperty().bind(r.statusProperty());
        status.setWrapText(true);
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(r.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        Button cancel = new Button("Cancel");
        cancel.disableProperty().bind(r.stateProperty().isNotEqualTo(PhotoRow.State.INVERTING)
                .and(r.stateProperty().isNotEqualTo(PhotoRow.State.QUEUED)));
        cancel.setOnAction(e -> vm.cancel(r));
        Button export = new Button("Export row…");
        export.disableProperty().bind(r.stateProperty().isNotEqualTo(PhotoRow.State.DONE));
        export.setOnAction(e -> chooseFolder(export).ifPresent(dir -> vm.export(List.of(r), dir)));
        Button remove = new Button("Remove");
        remove.setOnAction(e -> vm.remove(r));
        VBox side = new VBox(6, name, status, bar, new HBox(6, cancel, export, remove));
        side.setPrefWidth(220);
        side.setMinWidth(180);
        HBox row = new HBox(12, side, new ScrollPane(cells) {
            {
                setFitToHeight(true);
                setPrefViewportHeight(TILE + 24);
                setHbarPolicy(ScrollBarPolicy.AS_NEEDED);
                setVbarPolicy(ScrollBarPolicy.NEVER);
            }
        });
        HBox.setHgrow(row.getChildren().get(1), Priority.ALWAYS);
        row.getStyleClass().add("panel");
        row.setUserData(r);
        return row;
    }

    private static VBox cell(String caption, Images.Argb image) {
        ImageView v = new ImageView();
        v.setFitWidth(TILE);
        v.setFitHeight(TILE);
        v.setPreserveRatio(true);
        Label l = new Label(caption);
        l.setMaxWidth(TILE);
        VBox box = new VBox(2, v, l);
        box.setUserData(caption);
        setImage(box, image);
        box.setOnMouseClicked(e -> {
            if (v.getImage() != null) {
                enlarge(box, caption, v);
            }
        });
        return box;
    }

    private static void setImage(VBox cell, Images.Argb image) {
        ((ImageView) cell.getChildren().get(0)).setImage(image == null ? null : FxImages.toImage(image));
    }

    private static void enlarge(Node owner, String caption, ImageView small) {
        Dialog<Void> d = new Dialog<>();
        d.initOwner(owner.getScene().getWindow());
        d.setTitle(caption);
        ImageView big = new ImageView(small.getImage());
        big.setFitWidth(384);
        big.setFitHeight(384);
        big.setPreserveRatio(true);
        d.getDialogPane().setContent(big);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.show();
    }

    private static java.util.Optional<Path> chooseFolder(Node owner) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Export photos into");
        File dir = c.showDialog(owner.getScene().getWindow());
        return java.util.Optional.ofNullable(dir).map(File::toPath);
    }
}
