package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The judge of an adaptation, on renders whose truth is known. */
class AttributeChangeTest {
    private static final List<Scene> SCENES = new SceneSampler(11).next(120);

    private static AttributeChange.Outcome judge(AttributeChange change, UnaryOperator<Scene> adapt) {
        List<ShapeLook> after = SCENES.stream().map(s -> ShapeLook.of(ShapeRenderer.argb(adapt.apply(s)))).toList();
        return change.judge(looks(), after);
    }

    private static List<ShapeLook> looks() {
        return SCENES.stream().map(s -> ShapeLook.of(ShapeRenderer.argb(s))).toList();
    }

    @Test
    void recoloringInPlaceIsReachedAndKept() {
        AttributeChange.Outcome o = judge(AttributeChange.color(ShapeColor.RED, ShapeColor.BLUE),
                s -> s.color() == ShapeColor.RED ? s.withColor(ShapeColor.BLUE) : s);
        assertTrue(o.judged() > 5, o.toString());
        assertEquals(o.judged(), o.reached(), o.toString());
        assertEquals(o.judged(), o.kept(), o.toString());
        assertEquals(1.0, o.diversityRatio(), 1e-9);
        assertTrue(o.others() > 3 * o.judged() / 2, "the other three colors: " + o);
        assertEquals(o.others(), o.othersKept(), o.toString());
    }

    /** The studio's complaint: blue → green that turns the red shapes olive has not left them alone. */
    @Test
    void recoloringTheOtherShapesShowsInOthersKept() {
        AttributeChange.Outcome o = judge(AttributeChange.color(ShapeColor.BLUE, ShapeColor.GREEN),
                s -> s.color() == ShapeColor.BLUE || s.color() == ShapeColor.RED ? s.withColor(ShapeColor.GREEN) : s);
        assertEquals(o.judged(), o.reached(), o.toString());
        double redShare = SCENES.stream().filter(s -> s.color() == ShapeColor.RED).count()
                / (double) SCENES.stream().filter(s -> s.color() != ShapeColor.BLUE).count();
        assertEquals(1 - redShare, o.othersKeptShare(), 0.05, o.toString());
    }

    /** Triangle → square that also squares the circles (in place, same color, IoU ≥ 0.6) has not left them alone. */
    @Test
    void squaringTheCirclesShowsInOthersKept() {
        AttributeChange.Outcome o = judge(AttributeChange.kind(ShapeKind.TRIANGLE, ShapeKind.SQUARE),
                s -> s.kind() == ShapeKind.SQUARE ? s : new Scene(ShapeKind.SQUARE, s.color(), s.radius(), s.cx(), s.cy()));
        assertEquals(o.judged(), o.reached(), o.toString());
        long squares = SCENES.stream().filter(s -> s.kind() == ShapeKind.SQUARE).count();
        assertTrue(o.othersKept() <= squares && o.othersKept() < o.others(), "only the squares were left as they were: " + o);
    }

    /** A red → blue run that stops at violet left red but did not reach blue. */
    @Test
    void violetIsNotBlue() {
        List<ShapeLook> after = SCENES.stream().map(s -> s.color() == ShapeColor.RED
                ? ShapeLook.of(ShapeLookTest.painted(s, new int[] {140, 50, 200})) : ShapeLook.of(ShapeRenderer.argb(s)))
                .toList();
        AttributeChange.Outcome o = AttributeChange.color(ShapeColor.RED, ShapeColor.BLUE).judge(looks(), after);
        assertEquals(0, o.reached(), o.toString());
        assertEquals(o.judged(), o.left(), o.toString());
        assertEquals(o.judged(), o.kept(), o.toString());
    }

    @Test
    void aMovedShapeIsNotKept() {
        AttributeChange.Outcome o = judge(AttributeChange.kind(ShapeKind.CIRCLE, ShapeKind.SQUARE),
                s -> new Scene(ShapeKind.SQUARE, s.color(), s.radius(), s.cx(), s.cy() + (s.cy() < 0.5 ? 0.15 : -0.15)));
        assertEquals(o.judged(), o.reached(), o.toString());
        assertEquals(0, o.kept(), o.toString());
    }

    @Test
    void outlinesOfTheSameShapeMeetTheOutlineChange() {
        AttributeChange.Outcome o = judge(AttributeChange.outline(), s -> s.withStyle(ShapeStyle.OUTLINE));
        // small triangles' outlines leave almost no inside: they count as not reached
        assertTrue(o.reachedShare() > 0.85, o.toString());
        assertTrue(o.keptShare() > 0.85, o.toString());
    }

    @Test
    void collapseToOneSceneShowsInDiversity() {
        Scene one = Scene.of(ShapeKind.SQUARE, ShapeColor.BLUE, ShapeSize.MEDIUM, 1, 1);
        AttributeChange.Outcome o = judge(AttributeChange.color(ShapeColor.RED, ShapeColor.BLUE), s -> one);
        assertTrue(o.diversityRatio() < 0.05, o.toString());
    }

    @Test
    void everyPairOfTheIssueIsListed() {
        assertEquals(12 + 6 + 1 + 1, AttributeChange.all().size());
        assertEquals("circle", AttributeChange.parse("circle>square").source());
    }
}
