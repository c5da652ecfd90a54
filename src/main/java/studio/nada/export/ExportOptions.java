package studio.nada.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an export writes. Images: one PNG per seed (and per frozen seed with {@code pairs}), a
 * contact sheet, optionally labelled. Animations: a latent walk through the seeds or a
 * frozen → adapted morph, as GIF and/or MP4. Generators: rosinality {@code .pt}, safetensors, and
 * a delta from the base. Validated here, with the limits that keep one export within memory.
 */
public record ExportOptions(long[] seeds, double truncation, double strength, boolean pairs, boolean pngs,
        boolean grid, int columns, boolean labels, Animation gif, Animation mp4, int frames, int fps, int frameSize,
        boolean generatorPt, boolean generatorSafetensors, boolean delta) {

    /** Which animation, if any. */
    public enum Animation {
        NONE, WALK, MORPH;

        public static Animation parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "walk" -> WALK;
                case "morph" -> MORPH;
                default -> throw new IllegalArgumentException("animation must be walk, morph or none, not '" + s + "'");
            };
        }
    }

    public static final int MAX_SEEDS = 10_000;
    public static final int MAX_FRAMES = 600;
    public static final int MAX_FRAME_SIZE = 1024;
    static final int ANIMATED_SEEDS = 4; // a walk visits, and a morph shows, at most this many seeds

    public ExportOptions {
        seeds = seeds.clone();
        if (seeds.length == 0 && (pngs || grid || gif != Animation.NONE || mp4 != Animation.NONE)) {
            throw new IllegalArgumentException("images need at least one seed");
        }
        if (seeds.length > MAX_SEEDS) {
            throw new IllegalArgumentException(seeds.length + " seeds: an export takes at most " + MAX_SEEDS);
        }
        if (!Double.isFinite(truncation) || truncation < 0 || truncation > 2) {
            throw new IllegalArgumentException("truncation must be between 0 and 2, got " + truncation);
        }
        if (!Double.isFinite(strength) || strength < 0 || strength > 2) {
            throw new IllegalArgumentException("domain strength must be between 0 and 2, got " + strength);
        }
        if (columns < 1 || columns > 64) {
            throw new IllegalArgumentException("grid columns must be 1 to 64, got " + columns);
        }
        gif = gif == null ? Animation.NONE : gif;
        mp4 = mp4 == null ? Animation.NONE : mp4;
        if (gif != Animation.NONE || mp4 != Animation.NONE) {
            if (frames < 2 || frames > MAX_FRAMES) {
                throw new IllegalArgumentException("frames must be 2 to " + MAX_FRAMES + ", got " + frames);
            }
            if (fps < 1 || fps > 60) {
                throw new IllegalArgumentException("fps must be 1 to 60, got " + fps);
            }
            if (frameSize < 16 || frameSize > MAX_FRAME_SIZE) {
                throw new IllegalArgumentException("frame size must be 16 to " + MAX_FRAME_SIZE + " px, got " + frameSize);
            }
            if ((gif == Animation.WALK || mp4 == Animation.WALK) && seeds.length < 2) {
                throw new IllegalArgumentException("a latent walk goes from seed to seed: give at least two seeds");
            }
        }
        if (!pngs && !grid && gif == Animation.NONE && mp4 == Animation.NONE && !generatorPt && !generatorSafetensors
                && !delta) {
            throw new IllegalArgumentException("nothing to export: choose images, a grid, an animation or a generator");
        }
    }

    /** The names of the files this export writes, sidecar included, in order. */
    public List<String> fileNames() {
        List<String> out = new ArrayList<>();
        if (pngs) {
            for (long s : seeds) {
                out.add(seedName(s) + ".png");
                if (pairs) {
                    out.add(seedName(s) + "_frozen.png");
                }
            }
        }
        if (grid) {
            out.add("grid.png");
        }
        if (gif != Animation.NONE) {
            out.add(gif.name().toLowerCase(Locale.ROOT) + ".gif");
        }
        if (mp4 != Animation.NONE) {
            out.add(mp4.name().toLowerCase(Locale.ROOT) + ".mp4");
        }
        if (generatorPt) {
            out.add("generator.pt");
        }
        if (generatorSafetensors) {
            out.add("generator.safetensors");
        }
        if (delta) {
            out.add("generator-delta.safetensors");
        }
        out.add("export.json");
        return out;
    }

    /**
     * Bytes on disk, roughly: PNGs of generator images take about 1.5 bytes per pixel (less for
     * flat images), animations about a third of that per frame, generators their tensors.
     */
    public long estimateBytes(int imageSize, long generatorBytes) {
        double px = (double) imageSize * imageSize;
        int images = pngs ? seeds.length * (pairs ? 2 : 1) : 0;
        double bytes = images * px * 1.5;
        int tiles = Math.min(seeds.length, 256) * (pairs ? 2 : 1);
        bytes += grid ? tiles * px * 1.5 : 0;
        int animTiles = pairs ? 2 * Math.min(seeds.length, ANIMATED_SEEDS) : Math.min(seeds.length, ANIMATED_SEEDS);
        double framePx = (double) frameSize * frameSize * animTiles;
        bytes += (gif != Animation.NONE ? 1 : 0) * frames * framePx * 0.5 + (mp4 != Animation.NONE ? 1 : 0) * frames * framePx * 0.1;
        bytes += (generatorPt ? generatorBytes : 0) + (generatorSafetensors ? generatorBytes : 0) + (delta ? generatorBytes : 0);
        return (long) bytes + 4096;
    }

    static String seedName(long seed) {
        return String.format(Locale.ROOT, "seed%04d", seed);
    }
}
