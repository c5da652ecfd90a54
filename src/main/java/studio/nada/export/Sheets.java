package studio.nada.export;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Contact sheets with captions, side-by-side tiles and resized frames, drawn with Java2D. */
final class Sheets {
    private Sheets() {}

    /** {@link Images#grid} with a caption under each tile (a strip of 14-18 px, white on black). */
    static Images.Argb labelled(List<Images.Argb> tiles, List<String> labels, int columns, int pad) {
        int w = tiles.get(0).width();
        int fontPx = Math.max(9, Math.min(14, w / 6));
        int strip = fontPx + 4;
        List<Images.Argb> withText = new ArrayList<>();
        for (int i = 0; i < tiles.size(); i++) {
            Images.Argb t = tiles.get(i);
            BufferedImage bi = new BufferedImage(t.width(), t.height() + strip, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = bi.createGraphics();
            try {
                g.drawImage(Images.toBufferedImage(t), 0, 0, null);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setColor(Color.BLACK);
                g.fillRect(0, t.height(), t.width(), strip);
                g.setColor(Color.WHITE);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontPx));
                FontMetrics fm = g.getFontMetrics();
                String text = fit(labels.get(i), fm, t.width() - 4);
                g.drawString(text, Math.max(2, (t.width() - fm.stringWidth(text)) / 2), t.height() + strip - 4);
            } finally {
                g.dispose();
            }
            withText.add(Images.fromBufferedImage(bi));
        }
        return Images.grid(withText, columns, pad);
    }

    /** {@code left} and {@code right} next to each other (frozen | adapted). */
    static Images.Argb beside(Images.Argb left, Images.Argb right) {
        return Images.grid(List.of(left, right), 2, 0);
    }

    /** {@code im} drawn at {@code size} × {@code size} (bilinear), as animation frames are. */
    static Images.Argb scaled(Images.Argb im, int size) {
        if (im.width() == size && im.height() == size) {
            return im;
        }
        BufferedImage src = Images.toBufferedImage(im);
        BufferedImage dst = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        return Images.fromBufferedImage(dst);
    }

    private static String fit(String text, FontMetrics fm, int width) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String t = text;
        while (t.length() > 1 && fm.stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }
}
