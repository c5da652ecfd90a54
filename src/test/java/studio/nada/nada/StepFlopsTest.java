package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.nada.clip.ClipConfig;
import studio.nada.stylegan.GeneratorConfig;

/** The counted work against published figures. */
class StepFlopsTest {
    @Test
    void matchesPublishedCounts() {
        // ViT-B/32 at 224 px: 4.4 G multiply-adds (CLIP paper, table 10 of "Learning Transferable Visual Models")
        assertEquals(8.8e9, StepFlops.imageForward(ClipConfig.vitB32()), 0.1e9);
        // ViT-B/16: 17.5 G multiply-adds
        assertEquals(35.0e9, StepFlops.imageForward(ClipConfig.vitB16()), 0.5e9);
        // the 256 px, channel multiplier 2, batch 2 step of issue 12: 726 GFLOP of convolutions + 51 of matrix products
        GeneratorConfig g = GeneratorConfig.standard(256, 512, 8, 2);
        assertEquals(777e9, StepFlops.of(g, List.of(ClipConfig.vitB32()), 2), 8e9);
        assertEquals(2 * StepFlops.of(g, List.of(), 1), StepFlops.of(g, List.of(), 2), 1);
    }
}
