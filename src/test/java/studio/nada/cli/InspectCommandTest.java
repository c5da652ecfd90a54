package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import studio.nada.testing.Cli;
import studio.nada.testing.Fixtures;

class InspectCommandTest {
    @Test
    void listsTopLevelKeysAndTensorsOfACheckpoint() {
        Cli.Run r = Cli.run("inspect", "--stats", Fixtures.golden("sg2_tiny.pt").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("g_ema: dict of 73 entries, 73 tensors"), r.out());
        assertTrue(r.out().contains("latent_avg: tensor F32[64]"), r.out());
        assertTrue(r.out().contains("tensors (74):"), r.out());
        assertTrue(r.out().contains("g_ema.convs.0.conv.blur.kernel\tF32\t[4, 4]\tsum="), r.out());
    }

    @Test
    void listsTorchScriptAndSafetensorsAndBareTensors() {
        Cli.Run jit = Cli.run("inspect", Fixtures.golden("clip_tiny_jit.pt").toString());
        assertTrue(jit.out().contains("visual.transformer.resblocks.0.attn.in_proj_weight\tF16\t[192, 64]"), jit.out());
        Cli.Run st = Cli.run("inspect", Fixtures.real("safetensors/safetensors_pr84/B.safetensors").toString());
        assertTrue(st.out().contains("metadata test = a") && st.out().contains("B\tU8\t[6]"), st.out());
        Cli.Run bare = Cli.run("inspect", Fixtures.real("torch_zip/styleclip_pr117/latents.pt").toString());
        assertTrue(bare.out().contains("<tensor>\tF32\t[1, 18, 512]"), bare.out());
    }

    @Test
    void badFileGivesOneLineError() {
        Cli.Run r = Cli.run("inspect", Fixtures.real("negative/burn/reader/broken.pt").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: ") && r.err().strip().lines().count() == 1, r.err());
        Cli.Run missing = Cli.run("inspect", Path.of("no/such/file.pt").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }
}
