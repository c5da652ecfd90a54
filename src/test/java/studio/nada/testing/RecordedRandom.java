package studio.nada.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import studio.nada.engine.RandomSource;
import studio.nada.weights.TensorData;

/** Serves the draws a reference run recorded, in order, checking each shape. */
public final class RecordedRandom implements RandomSource {
    private final Deque<TensorData> draws;
    private final Deque<String> names;

    public RecordedRandom(List<String> names, List<TensorData> draws) {
        this.names = new ArrayDeque<>(names);
        this.draws = new ArrayDeque<>(draws);
    }

    @Override
    public NDArray normal(NDManager manager, Shape shape) {
        assertFalse(draws.isEmpty(), "more draws than were recorded (asked for " + shape + ")");
        String name = names.pop();
        TensorData t = draws.pop();
        assertArrayEquals(t.shape(), shape.getShape(), "draw " + name + " has another shape");
        return t.toNDArray(manager);
    }

    public int remaining() {
        return draws.size();
    }
}
