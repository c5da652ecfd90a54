package studio.nada.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jcodec.api.awt.AWTSequenceEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Rational;

/**
 * MP4 (H.264) through jcodec, a pure-Java encoder, so no ffmpeg is needed. H.264 works on 16×16
 * macroblocks of 4:2:0 colour, so frames are padded to even sides by repeating the edge (a
 * 64 px Shapes frame stays 64 px).
 */
public final class Mp4Writer {
    private Mp4Writer() {}

    /** Writes {@code frames} to {@code file} (callers write to a temporary file and move it). */
    public static void write(Path file, List<Images.Argb> frames, int fps) throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an MP4 needs at least one frame");
        }
        if (fps < 1 || fps > 120) {
            throw new IllegalArgumentException("fps must be 1 to 120, got " + fps);
        }
        try (SeekableByteChannel ch = NIOUtils.writableChannel(file.toFile())) {
            AWTSequenceEncoder enc = new AWTSequenceEncoder(ch, Rational.R(fps, 1));
            for (Images.Argb f : frames) {
                enc.encodeImage(Images.toBufferedImage(even(f)));
            }
            enc.finish();
        }
    }

    static Images.Argb even(Images.Argb f) {
        int w = f.width() + (f.width() & 1), h = f.height() + (f.height() & 1);
        if (w == f.width() && h == f.height()) {
            return f;
        }
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = f.pixels()[Math.min(y, f.height() - 1) * f.width() + Math.min(x, f.width() - 1)];
            }
        }
        return new Images.Argb(w, h, px);
    }
}
