package studio.nada.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ICC_Profile;
import java.awt.color.ICC_ProfileRGB;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image formats the project reads through {@link BoundedImages} (style images, clip-score images)
 * that the JDK's ImageIO gets wrong or cannot read: CMYK JPEG without a profile (the JDK gives
 * 186,0,189 where the RGB version is 125,0,130), YCCK and CMYK JPEG with their ICC profile, and
 * WebP. TwelveMonkeys' ImageIO plugins read them, found by the service loader.
 *
 * <p>Checked without the plugins (the two TwelveMonkeys dependencies removed from pom.xml, this
 * test run alone): {@code cmykJpegWithoutProfileReadsAsItsRgbVersion} fails with "channel 0: 186.0
 * where the RGB version is 125" and {@code webpIsRead} with "not an image this program reads".
 * The two profile cases pass on JDK 17's own reader too (it applies an embedded profile to Adobe
 * CMYK and YCCK): they keep the plugin honest about profiles. The files are built here with
 * javax.imageio only (no plugin class), so the test compiles either way.
 */
class ImageFormatsTest {
    @TempDir
    Path dir;

    /**
     * The case: a CMYK JPEG without a profile, its ink the plain complement of the sRGB
     * values (as ImageMagick's {@code -colorspace CMYK} writes one). The JDK reads such ink as linear
     * light and gives 186,0,189 for the mid-tone 125,0,130; the plugin gives the RGB version back.
     */
    @Test
    void cmykJpegWithoutProfileReadsAsItsRgbVersion() throws IOException {
        int[] rgb = {125, 0, 130};
        double k = 0.2;
        double[] ink = new double[4];
        for (int c = 0; c < 3; c++) {
            ink[c] = 1 - rgb[c] / 255.0 / (1 - k);
        }
        ink[3] = k;
        assertPatch(rgb, adobeJpeg(ink, ADOBE_CMYK, null), "no-profile.jpg");
    }

    /** A CMYK JPEG that embeds its ICC profile is decoded through that profile. */
    @Test
    void cmykJpegIsDecodedWithItsIccProfile() throws IOException {
        int[] rgb = {125, 0, 130};
        assertPatch(rgb, adobeJpeg(inkOf(rgb, 0.3), ADOBE_CMYK, cmykProfile()), "cmyk.jpg");
    }

    /** The same as YCCK (Adobe's transform 2, as Photoshop saves CMYK JPEGs). */
    @Test
    void ycckJpegIsDecodedWithItsIccProfile() throws IOException {
        int[] rgb = {125, 0, 130};
        assertPatch(rgb, adobeJpeg(inkOf(rgb, 0.3), ADOBE_YCCK, cmykProfile()), "ycck.jpg");
    }

    private void assertPatch(int[] rgb, byte[] jpeg, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, jpeg);
        assertArrayEquals(new int[] {32, 24}, BoundedImages.dimensions(file));
        BufferedImage image = BoundedImages.read(file);
        float[][] planes = ClipImageFiles.rgb(image);
        for (int c = 0; c < 3; c++) {
            for (float v : planes[c]) {
                assertTrue(Math.abs(v - rgb[c]) <= 12, name + " channel " + c + ": " + v + " where the RGB version is " + rgb[c]);
            }
        }
    }

    /** A lossless WebP (hand-built: the JDK writes none) of a flat color reads back exactly. */
    @Test
    void webpIsRead() throws IOException {
        Path file = dir.resolve("patch.webp");
        Files.write(file, flatLosslessWebp(7, 5, 200, 120, 40));
        assertArrayEquals(new int[] {7, 5}, BoundedImages.dimensions(file));
        BufferedImage image = BoundedImages.read(file);
        float[][] planes = ClipImageFiles.rgb(image);
        assertTrue(planes[0].length == 35);
        for (int i = 0; i < 35; i++) {
            assertArrayEquals(new float[] {200, 120, 40}, new float[] {planes[0][i], planes[1][i], planes[2][i]});
        }
    }

    // ---- a CMYK JPEG of a flat 32 x 24 patch, as Photoshop writes one: Adobe marker, inverted ink

    private static final int ADOBE_CMYK = 0, ADOBE_YCCK = 2;

    /** The ink of {@code rgb} with {@code k} black ink under the test profile's ink model ({@link #linearRgb}). */
    static double[] inkOf(int[] rgb, double k) {
        double cyan = 1 - linear(rgb[0]) / (1 - k);
        double magenta = 1 - linear(rgb[1]) / ((1 - CYAN_IN_GREEN * cyan) * (1 - k));
        double yellow = 1 - linear(rgb[2]) / ((1 - MAGENTA_IN_BLUE * magenta) * (1 - k));
        assertArrayEquals(new double[] {linear(rgb[0]), linear(rgb[1]), linear(rgb[2])},
                linearRgb(cyan, magenta, yellow, k), 1e-9);
        return new double[] {cyan, magenta, yellow, k};
    }

    /**
     * A flat patch of {@code ink} (0..1 per ink) with an Adobe marker of {@code transform}, and the
     * ICC profile {@code profile} when not null. Adobe's files store ink inverted; YCCK stores the
     * ink C, M, Y as R, G, B converted to YCbCr (JFIF's equations; a decoder's 255 - R is the
     * inverted C), and the inverted K as is.
     */
    static byte[] adobeJpeg(double[] ink, int transform, byte[] profile) throws IOException {
        int[] stored = new int[4];
        for (int c = 0; c < 4; c++) {
            stored[c] = 255 - (int) Math.round(ink[c] * 255);
        }
        if (transform == ADOBE_YCCK) {
            double r = 255 - stored[0], g = 255 - stored[1], b = 255 - stored[2]; // YCCK -> CMYK takes 255 - R ...
            stored[0] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
            stored[1] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
            stored[2] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
        }
        WritableRaster raster = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 32, 24, 4, null);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                raster.setPixel(x, y, stored);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            writer.write(null, new IIOImage(raster, null, null), param); // a raster's samples, unconverted
        } finally {
            writer.dispose();
        }
        byte[] jpeg = bytes.toByteArray();
        String markers = markers(jpeg);
        assertTrue(!markers.contains("APP"), "the JDK writes a bare 4-channel raster: " + markers);
        // Adobe APP14: version 100, no flags, the transform
        byte[] adobe = ByteBuffer.allocate(12).put(ascii("Adobe")).putShort((short) 100).putShort((short) 0)
                .putShort((short) 0).put((byte) transform).array();
        jpeg = afterSoi(jpeg, 0xee, adobe);
        return profile == null ? jpeg : afterSoi(jpeg, 0xe2, iccSegment(profile));
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static double linear(int v) {
        double s = v / 255.0;
        return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }

    /** The marker names of a JPEG up to its first scan. */
    private static String markers(byte[] jpeg) {
        StringBuilder sb = new StringBuilder();
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xff) {
            int m = jpeg[i + 1] & 0xff;
            sb.append(m >= 0xe0 && m <= 0xef ? "APP" + (m - 0xe0) : String.format("%02X", m)).append(' ');
            if (m == 0xda) {
                break;
            }
            i += 2 + (((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff));
        }
        return sb.toString();
    }

    /** The payload of an APP2 segment holding a whole ICC profile. */
    private static byte[] iccSegment(byte[] profile) {
        return ByteBuffer.allocate(14 + profile.length).put(ascii("ICC_PROFILE\0")).put((byte) 1).put((byte) 1)
                .put(profile).array();
    }

    /** {@code jpeg} with an APPn segment of {@code payload} right after SOI. */
    private static byte[] afterSoi(byte[] jpeg, int marker, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(jpeg.length + 4 + payload.length);
        b.put(jpeg, 0, 2).put((byte) 0xff).put((byte) marker).putShort((short) (2 + payload.length)).put(payload)
                .put(jpeg, 2, jpeg.length - 2);
        return b.array();
    }

    /**
     * A CMYK output profile (ICC v2, PCS XYZ) whose A2B0 is a lut16 with nine grid points per ink:
     * the grid holds the XYZ (D50, the colorants of Java's sRGB profile) of {@link #linearRgb},
     * which interpolation follows within a level or two in between.
     */
    static byte[] cmykProfile() {
        float[][] m = ((ICC_ProfileRGB) ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB)).getMatrix();
        int n = GRID;
        ByteBuffer lut = lut16(4, 3, n);
        for (int i = 0; i < n * n * n * n; i++) {
            double c = (i / (n * n * n)) / (n - 1.0), mg = (i / (n * n) % n) / (n - 1.0);
            double y = (i / n % n) / (n - 1.0), k = (i % n) / (n - 1.0);
            double[] lin = linearRgb(c, mg, y, k);
            for (int row = 0; row < 3; row++) {
                double xyz = m[row][0] * lin[0] + m[row][1] * lin[1] + m[row][2] * lin[2];
                lut.putShort((short) Math.round(xyz * 32768)); // lut16 XYZ: 1.0 is 0x8000
            }
        }
        ByteBuffer a2b0 = tables(lut, 3);
        // B2A0 (PCS to ink) only so that the profile links both ways; a rough K-free inverse
        ByteBuffer back = lut16(3, 4, 2);
        for (int i = 0; i < 8; i++) {
            back.putShort((short) ((i & 4) != 0 ? 0 : 0xffff)).putShort((short) ((i & 2) != 0 ? 0 : 0xffff))
                    .putShort((short) ((i & 1) != 0 ? 0 : 0xffff)).putShort((short) 0);
        }
        ByteBuffer b2a0 = tables(back, 4);
        byte[] descText = "NADA test CMYK\0".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer desc = ByteBuffer.allocate(12 + descText.length + 4 + 4 + 2 + 1 + 67);
        desc.put(ascii("desc")).putInt(0).putInt(descText.length).put(descText);
        ByteBuffer wtpt = ByteBuffer.allocate(20);
        wtpt.put(ascii("XYZ ")).putInt(0).putInt(s15(0.9642)).putInt(s15(1.0)).putInt(s15(0.8249));
        ByteBuffer cprt = ByteBuffer.allocate(8 + 12);
        cprt.put(ascii("text")).putInt(0).put("No rights\0\0\0".getBytes(StandardCharsets.US_ASCII));
        byte[][] tags = {desc.array(), wtpt.array(), cprt.array(), a2b0.array(), b2a0.array()};
        String[] sigs = {"desc", "wtpt", "cprt", "A2B0", "B2A0"};
        int offset = 128 + 4 + 12 * tags.length;
        int[] offsets = new int[tags.length];
        for (int i = 0; i < tags.length; i++) {
            offsets[i] = offset;
            offset += (tags[i].length + 3) & ~3;
        }
        ByteBuffer p = ByteBuffer.allocate(offset);
        p.putInt(offset).putInt(0).putInt(0x02100000).put(ascii("prtr")).put(ascii("CMYK")).put(ascii("XYZ "));
        p.put(new byte[12]).put(ascii("acsp")).putInt(0).putInt(0).putInt(0).putInt(0).putLong(0).putInt(0);
        p.putInt(s15(0.9642)).putInt(s15(1.0)).putInt(s15(0.8249)).putInt(0);
        p.position(128);
        p.putInt(tags.length);
        for (int i = 0; i < tags.length; i++) {
            p.put(ascii(sigs[i])).putInt(offsets[i]).putInt(tags[i].length);
        }
        for (int i = 0; i < tags.length; i++) {
            p.position(offsets[i]);
            p.put(tags[i]);
        }
        return p.array();
    }

    /** How much green cyan ink absorbs, and blue magenta ink: what naive CMYK -> RGB formulas leave out. */
    private static final double CYAN_IN_GREEN = 0.3, MAGENTA_IN_BLUE = 0.5;

    /** The ink model of the test's profile: the linear-light sRGB of an ink mix. */
    static double[] linearRgb(double c, double m, double y, double k) {
        return new double[] {(1 - c) * (1 - k), (1 - m) * (1 - CYAN_IN_GREEN * c) * (1 - k),
            (1 - y) * (1 - MAGENTA_IN_BLUE * m) * (1 - k)};
    }

    /** Grid points per ink: tetrahedral interpolation of the products above is close, not exact, between them. */
    private static final int GRID = 9;

    /** A lut16Type up to its CLUT: identity matrix, identity input tables (two entries each). */
    private static ByteBuffer lut16(int in, int out, int grid) {
        int clut = (int) Math.pow(grid, in) * out * 2;
        ByteBuffer lut = ByteBuffer.allocate(8 + 4 + 36 + 4 + in * 4 + clut + out * 4);
        lut.put(ascii("mft2")).putInt(0).put((byte) in).put((byte) out).put((byte) grid).put((byte) 0);
        for (int i = 0; i < 9; i++) {
            lut.putInt(i % 4 == 0 ? 0x10000 : 0);
        }
        lut.putShort((short) 2).putShort((short) 2);
        for (int i = 0; i < in; i++) {
            lut.putShort((short) 0).putShort((short) 0xffff);
        }
        return lut;
    }

    /** The lut16 completed with identity output tables. */
    private static ByteBuffer tables(ByteBuffer lut, int out) {
        for (int i = 0; i < out; i++) {
            lut.putShort((short) 0).putShort((short) 0xffff);
        }
        return lut;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static int s15(double v) {
        return (int) Math.round(v * 65536);
    }

    // ---- a lossless WebP of one color

    /**
     * VP8L with no transform, no color cache, no meta codes, and five "simple" prefix codes of one
     * symbol each (green, red, blue, alpha, distance): every pixel then takes zero bits, so the
     * whole image is its headers.
     */
    static byte[] flatLosslessWebp(int w, int h, int r, int g, int b) {
        BitWriter bits = new BitWriter();
        bits.write(0x2f, 8);
        bits.write(w - 1, 14);
        bits.write(h - 1, 14);
        bits.write(0, 1); // alpha not used
        bits.write(0, 3); // version
        bits.write(0, 1); // no transform
        bits.write(0, 1); // no color cache
        bits.write(0, 1); // no meta prefix codes
        for (int symbol : new int[] {g, r, b, 255, 0}) {
            bits.write(1, 1); // simple code
            bits.write(0, 1); // one symbol
            bits.write(1, 1); // of 8 bits
            bits.write(symbol, 8);
        }
        byte[] vp8l = bits.bytes();
        int chunk = vp8l.length + (vp8l.length & 1);
        ByteBuffer riff = ByteBuffer.allocate(12 + 8 + chunk).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        riff.put(ascii("RIFF")).putInt(4 + 8 + chunk).put(ascii("WEBP")).put(ascii("VP8L")).putInt(vp8l.length).put(vp8l);
        return riff.array();
    }

    /** Bits least significant first, as VP8L reads them. */
    private static final class BitWriter {
        private byte[] buf = new byte[64];
        private int n;

        void write(int value, int count) {
            for (int i = 0; i < count; i++) {
                if ((value >> i & 1) != 0) {
                    buf[n >> 3] |= (byte) (1 << (n & 7));
                }
                n++;
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, (n + 7) >> 3);
        }
    }
}
