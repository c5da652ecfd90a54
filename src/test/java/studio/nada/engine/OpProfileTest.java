package studio.nada.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace summary counts self time: a parent's duration less its children's, per thread. */
class OpProfileTest {
    @Test
    void selfTimesNestPerThreadAndDivideBySteps(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("t.json");
        Files.writeString(trace, """
                [
                {"name": "aten::conv2d", "ph": "X", "ts": 0, "dur": 1000000, "tid": 1, "shape": [[2, 3]]},
                {"name": "aten::mkldnn_convolution", "ph": "X", "ts": 100000, "dur": 700000, "tid": 1, "shape": [[2, 3]]},
                {"name": "aten::empty", "ph": "X", "ts": 150000, "dur": 100000, "tid": 1, "shape": []},
                {"name": "aten::mkldnn_convolution", "ph": "X", "ts": 0, "dur": 500000, "tid": 2, "shape": [[4, 5]]},
                {"name": "a marker", "ph": "i", "ts": 0, "tid": 1}
                ]
                """);
        List<OpProfile.Op> ops = OpProfile.summarize(trace, 2);
        assertEquals("aten::mkldnn_convolution", ops.get(0).name());
        assertEquals((0.6 + 0.5) / 2, ops.get(0).selfSeconds(), 1e-9);
        assertEquals(1, ops.get(0).calls());
        assertEquals("aten::conv2d", ops.get(1).name());
        assertEquals(0.3 / 2, ops.get(1).selfSeconds(), 1e-9);
        assertEquals(0.1 / 2, ops.get(2).selfSeconds(), 1e-9);
        assertEquals(3, ops.size());
    }
}
