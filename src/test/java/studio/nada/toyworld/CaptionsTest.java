package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaptionsTest {
    @Test
    void captionsAreTrueOfTheirSceneAndVaried() {
        SceneSampler sampler = new SceneSampler(1);
        Random r = new Random(2);
        Set<String> texts = new HashSet<>();
        int templated = 0;
        for (int i = 0; i < 500; i++) {
            Scene s = sampler.next();
            Caption c = Captions.random(s, r);
            assertTrue(c.matches(s), c.text());
            if (c.color() != null) {
                assertTrue(c.text().contains(s.color().word()), c.text());
                assertTrue(!c.matches(s.withColor(other(s.color()))), "names the color: " + c.text());
            }
            if (c.kind() != null) {
                assertTrue(c.text().contains(s.kind().word()), c.text());
            }
            templated += c.text().endsWith(".") ? 1 : 0;
            texts.add(c.text());
        }
        assertTrue(texts.size() > 300, "phrasings vary: " + texts.size() + " distinct of 500");
        assertTrue(templated > 100 && templated < 250, "about a third use ImageNet templates: " + templated);
    }

    /** Outlines are nearly always called so; twins drawn with the same random choices differ in the one word. */
    @Test
    void outlinesAreNamedAndTwinsDifferInOneWord() {
        SceneSampler sampler = new SceneSampler(3);
        int named = 0;
        for (int i = 0; i < 200; i++) {
            Scene s = sampler.next().withStyle(ShapeStyle.OUTLINE);
            Caption c = Captions.random(s, new Random(i));
            assertTrue(c.matches(s), c.text());
            if (c.style() != null) {
                named++;
                assertTrue(c.text().contains("outline of a"), c.text());
                assertTrue(!c.matches(s.withStyle(ShapeStyle.FILLED)), c.text());
            }
            Caption red = Captions.random(s.withColor(ShapeColor.RED), new Random(i), true, true, true);
            Caption blue = Captions.random(s.withColor(ShapeColor.BLUE), new Random(i), true, true, true);
            assertEquals(red.text().replaceAll("\\bred\\b", "blue"), blue.text());
            Caption noKind = Captions.random(s, new Random(i), true, false, false);
            assertEquals(null, noKind.kind());
            assertEquals(null, noKind.style());
        }
        assertTrue(named > 150, "outlines named: " + named + " of 200");
    }

    @Test
    void simpleCaption() {
        Scene s = Scene.of(ShapeKind.CIRCLE, ShapeColor.RED, ShapeSize.SMALL, 0, 0);
        assertEquals("a red circle", Captions.simple(s));
        Caption full = new Caption("a small red circle on the left", ShapeKind.CIRCLE, ShapeColor.RED, ShapeSize.SMALL, 0, null);
        assertTrue(full.matches(s));
        assertTrue(!full.matches(Scene.of(ShapeKind.CIRCLE, ShapeColor.RED, ShapeSize.SMALL, 1, 0)));
    }

    private static ShapeColor other(ShapeColor c) {
        return ShapeColor.values()[(c.ordinal() + 1) % ShapeColor.values().length];
    }
}
