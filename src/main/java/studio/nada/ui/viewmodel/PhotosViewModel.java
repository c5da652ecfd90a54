package studio.nada.ui.viewmodel;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import studio.nada.export.Images;
import studio.nada.inversion.Alignment;
import studio.nada.inversion.InversionOptions;
import studio.nada.inversion.Photos;
import studio.nada.ui.service.PhotoService;

/**
 * The Photos panel: photos dropped or picked are read and aligned off the FX thread (a non-image
 * is a notice, nothing else changes), inverted one at a time on the tensor thread with the
 * reconstruction shown as it converges, then rendered in every adapted domain. Rows export as PNGs.
 */
public final class PhotosViewModel {
    /** Asks the user for the eyes (and mouth) in a photo; null skips the photo. */
    @FunctionalInterface
    public interface FacePoints {
        CompletableFuture<double[][]> ask(Path file, BufferedImage photo);
    }

    private final PhotoService service;
    private final Notices notices;
    private final Executor fx;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "photos-io");
        t.setDaemon(true);
        return t;
    });
    private final ObservableList<PhotoRow> rows = FXCollections.observableArrayList();
    private final Deque<PhotoRow> queue = new ArrayDeque<>();
    private final BooleanProperty alignFaces = new SimpleBooleanProperty(false);
    private final IntegerProperty steps = new SimpleIntegerProperty(InversionOptions.defaults().steps());
    private FacePoints facePoints = (f, p) -> CompletableFuture.completedFuture(null);
    private PhotoRow running;

    public PhotosViewModel(PhotoService service, Notices notices, Executor fx) {
        this.service = service;
        this.notices = notices;
        this.fx = fx;
    }

    public ObservableList<PhotoRow> rows() {
        return rows;
    }

    /** Face models: click the eyes (and mouth) of each photo; else the centre square is taken. */
    public BooleanProperty alignFacesProperty() {
        return alignFaces;
    }

    public IntegerProperty stepsProperty() {
        return steps;
    }

    public void setFacePoints(FacePoints ask) {
        this.facePoints = ask;
    }

    /** Adds photos: each is read, downscaled and aligned off the FX thread, then queued for inversion. */
    public void addFiles(List<Path> files) {
        for (Path f : files) {
            CompletableFuture.supplyAsync(() -> {
                try {
                    return Photos.load(f);
                } catch (java.io.IOException e) {
                    throw new CompletionException(e);
                }
            }, io).thenCombineAsync(service.imageSize(), (photo, size) -> new Object[] {photo, size}, fx)
                    .thenCompose(ps -> align(f, (BufferedImage) ps[0], (Integer) ps[1]))
                    .whenCompleteAsync((aligned, e) -> {
                        if (e != null) {
                            Throwable c = Notice.cause(e);
                            notices.post(Notice.error("Not added: " + f.getFileName(), c.getMessage()));
                        } else if (aligned != null) {
                            PhotoRow row = new PhotoRow(f, Images.fromBufferedImage(aligned));
                            rows.add(row);
                            queue.add(row);
                            next();
                        }
                    }, fx);
        }
    }

    private CompletableFuture<BufferedImage> align(Path f, BufferedImage photo, int size) {
        if (size <= 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("No generator is loaded yet"));
        }
        if (!alignFaces.get()) {
            return CompletableFuture.supplyAsync(() -> Alignment.crop(photo,
                    Alignment.center(photo.getWidth(), photo.getHeight()), size), io);
        }
        return facePoints.ask(f, photo).thenApplyAsync(points -> points == null ? null : Alignment.crop(photo,
                Alignment.face(points[0], points[1], points.length > 2 ? points[2] : null), size), io);
    }

    /** Starts the next queued photo when none is inverting (FX thread). */
    private void next() {
        if (running != null || queue.isEmpty()) {
            return;
        }
        PhotoRow row = queue.poll();
        if (row.cancel.get()) {
            next();
            return;
        }
        running = row;
        row.set(PhotoRow.State.INVERTING, 0, "inverting…");
        InversionOptions options = InversionOptions.defaults().withSteps(steps.get());
        service.invert(Images.toBufferedImage(row.aligned()), options, p -> fx.execute(() -> {
            row.set(PhotoRow.State.INVERTING, (double) p.step() / p.steps(), String.format(Locale.ROOT,
                    "step %d/%d · pixel error %.4f", p.step(), p.steps(), p.mse()));
            if (p.image() != null) {
                row.reconstructionProperty().set(p.image());
            }
        }), row.cancel::get).thenCompose(r -> {
            row.result = r;
            return service.translate(r.latent(), service.previewStrength());
        }).whenCompleteAsync((domains, e) -> {
            running = null;
            Throwable c = Notice.cause(e);
            if (c instanceof CancellationException) {
                row.set(PhotoRow.State.CANCELLED, 0, "cancelled");
            } else if (c != null) {
                row.set(PhotoRow.State.FAILED, 0, "failed: " + c.getMessage());
                notices.post(Notice.error("Could not invert " + row.name(), String.valueOf(c.getMessage())));
            } else {
                row.reconstructionProperty().set(row.result.reconstruction());
                row.domains().setAll(domains);
                row.set(PhotoRow.State.DONE, 1, String.format(Locale.ROOT, "PSNR %.1f dB · %d domain%s",
                        row.result.psnr(), domains.size(), domains.size() == 1 ? "" : "s"));
            }
            next();
        }, fx);
    }

    /** Another generator: the photos' latents and the added domains belonged to the previous one. */
    public void modelsChanged() {
        if (!rows.isEmpty()) {
            notices.post(Notice.info("Photos cleared", "The photos were inverted into the previous generator: add them"
                    + " again to see them in this one."));
        }
        List.copyOf(rows).forEach(this::remove);
        service.clearDomains();
    }

    public void cancel(PhotoRow row) {
        row.cancel.set(true);
        if (row.stateProperty().get() == PhotoRow.State.QUEUED) {
            queue.remove(row);
            row.set(PhotoRow.State.CANCELLED, 0, "cancelled");
        }
    }

    public void remove(PhotoRow row) {
        cancel(row);
        rows.remove(row);
    }

    /** Adds an adapted generator as a domain and renders every finished photo in it. */
    public void addDomain(Path file) {
        service.addDomain(file).whenCompleteAsync((name, e) -> {
            if (e != null) {
                Throwable c = Notice.cause(e);
                notices.post(Notice.error("Could not add the domain", c.getMessage()));
                return;
            }
            retranslate();
        }, fx);
    }

    /** Renders every finished photo again in the current domains (after a run, a slider change, a new domain). */
    public void retranslate() {
        for (PhotoRow row : List.copyOf(rows)) {
            if (row.result() != null) {
                service.translate(row.result().latent(), service.previewStrength())
                        .thenAcceptAsync(d -> row.domains().setAll(d), fx);
            }
        }
    }

    /** Writes a row's photo, reconstruction and domains, and a strip of them, into {@code folder}. */
    public CompletableFuture<Integer> export(List<PhotoRow> which, Path folder) {
        List<Object[]> jobs = new ArrayList<>();
        for (PhotoRow r : which) {
            if (r.result() != null) {
                jobs.add(new Object[] {r.name().replaceAll("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._-]", "_"), r.aligned(),
                        r.result().reconstruction(), List.copyOf(r.domains())});
            }
        }
        return CompletableFuture.supplyAsync(() -> {
            int n = 0;
            try {
                for (Object[] j : jobs) {
                    String base = (String) j[0];
                    List<Images.Argb> strip = new ArrayList<>(List.of((Images.Argb) j[1], (Images.Argb) j[2]));
                    Images.writePng(folder.resolve(base + "_photo.png"), (Images.Argb) j[1]);
                    Images.writePng(folder.resolve(base + "_reconstruction.png"), (Images.Argb) j[2]);
                    @SuppressWarnings("unchecked")
                    List<PhotoService.DomainImage> ds = (List<PhotoService.DomainImage>) j[3];
                    for (PhotoService.DomainImage d : ds) {
                        Images.writePng(folder.resolve(base + "_" + d.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".png"),
                                d.image());
                        strip.add(d.image());
                    }
                    Images.writePng(folder.resolve(base + "_row.png"), Images.grid(strip, strip.size(), 2));
                    n++;
                }
                return n;
            } catch (java.io.IOException e) {
                throw new CompletionException(e);
            }
        }, io).whenCompleteAsync((n, e) -> {
            if (e != null) {
                Throwable c = Notice.cause(e);
                notices.post(Notice.error("Photos not exported", c.getMessage()));
            } else {
                notices.post(Notice.info("Photos exported", n + " row" + (n == 1 ? "" : "s") + " written to " + folder));
            }
        }, fx);
    }
}
