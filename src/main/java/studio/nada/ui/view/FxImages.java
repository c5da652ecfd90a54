package studio.nada.ui.view;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import studio.nada.export.Images;

/** Plain ARGB pixels from the tensor thread to a JavaFX image (FX thread; a copy, no tensor). */
final class FxImages {
    private FxImages() {}

    static WritableImage toImage(Images.Argb argb) {
        WritableImage image = new WritableImage(argb.width(), argb.height());
        image.getPixelWriter().setPixels(0, 0, argb.width(), argb.height(), PixelFormat.getIntArgbInstance(),
                argb.pixels(), 0, argb.width());
        return image;
    }
}
