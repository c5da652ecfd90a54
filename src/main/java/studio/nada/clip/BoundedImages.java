package studio.nada.clip;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads image files whose size is checked before they are decoded. A PNG of 1.5 MB can declare
 * 40000 × 40000 pixels, and decoding it allocates gigabytes (an OutOfMemoryError, or a machine
 * brought to its knees); the header says how large an image is without decoding it, so an image
 * beyond {@link #MAX_PIXELS} is refused by its dimensions, before any pixel is read.
 */
public final class BoundedImages {
    /** 64 megapixels: far more than CLIP's 224 px needs, and about 1 GB once decoded to float planes. */
    public static final long MAX_PIXELS = 64_000_000L;

    private BoundedImages() {}

    /** Width and height from the file's header; refuses a missing file, a folder, a non-image, a bomb. */
    public static int[] dimensions(Path file) throws IOException {
        try (Opened o = open(file)) {
            return o.dimensions();
        }
    }

    /** The decoded image, once its dimensions are within the budget. */
    public static BufferedImage read(Path file) throws IOException {
        try (Opened o = open(file)) {
            o.dimensions();
            return o.reader.read(0);
        }
    }

    private static Opened open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder, not an image file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist");
        }
        ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
        if (in == null) {
            throw new IOException(file + " cannot be opened");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            in.close();
            throw new IOException(file + ": not an image this program reads (PNG, JPEG, WebP, BMP, GIF)");
        }
        ImageReader reader = readers.next();
        reader.setInput(in, true, true);
        return new Opened(file, in, reader);
    }

    private record Opened(Path file, ImageInputStream in, ImageReader reader) implements AutoCloseable {
        int[] dimensions() throws IOException {
            long w = reader.getWidth(0), h = reader.getHeight(0);
            if (w * h > MAX_PIXELS) {
                throw new IOException(String.format(Locale.ROOT, "%s is %d x %d pixels (%.0f megapixels); images over"
                        + " %d megapixels are refused: scale it down first", file, w, h, w * h / 1e6, MAX_PIXELS / 1_000_000));
            }
            return new int[] {(int) w, (int) h};
        }

        @Override
        public void close() throws IOException {
            reader.dispose();
            in.close();
        }
    }
}
