package studio.nada.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * libtorch's own op trace (its autograd profiler, reached through DJL), summed by op: where a
 * step's time goes, forward and backward, and which kernels libtorch picked (mkldnn_convolution,
 * addmm, …). Times are self times: an op's duration less that of the ops it called.
 */
public final class OpProfile {
    /** One op's total self time, calls, and its costliest input shapes. */
    public record Op(String name, double selfSeconds, int calls, String topShapes) {}

    private OpProfile() {}

    /** Starts recording every op on this process's libtorch (with input shapes). */
    public static void start() {
        ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
    }

    /** Stops recording and writes the Chrome trace JSON to {@code file}. */
    public static void stop(Path file) {
        ai.djl.pytorch.jni.JniUtils.stopProfile(file.toString());
    }

    /** The ops of a trace, costliest first, their times and calls divided by {@code steps}. */
    public static List<Op> summarize(Path trace, int steps) throws IOException {
        JsonNode root = new ObjectMapper().readTree(trace.toFile());
        JsonNode events = root.isArray() ? root : root.path("traceEvents");
        Map<String, List<JsonNode>> byThread = new HashMap<>();
        for (JsonNode e : events) {
            if ("X".equals(e.path("ph").asText())) {
                byThread.computeIfAbsent(e.path("tid").asText(), k -> new ArrayList<>()).add(e);
            }
        }
        Map<String, double[]> self = new HashMap<>(); // name -> {seconds, calls}
        Map<String, Map<String, Double>> shapes = new HashMap<>();
        for (List<JsonNode> list : byThread.values()) {
            list.sort(Comparator.comparingDouble((JsonNode e) -> e.path("ts").asDouble())
                    .thenComparing(e -> -e.path("dur").asDouble()));
            Deque<double[]> open = new ArrayDeque<>(); // {end, self µs, index}
            double[] selfUs = new double[list.size()];
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = list.get(i);
                double ts = e.path("ts").asDouble();
                double dur = e.path("dur").asDouble();
                while (!open.isEmpty() && open.peek()[0] <= ts) {
                    open.pop();
                }
                selfUs[i] = dur;
                if (!open.isEmpty()) {
                    selfUs[(int) open.peek()[2]] -= dur;
                }
                open.push(new double[] {ts + dur, 0, i});
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = list.get(i);
                String name = e.path("name").asText();
                double[] acc = self.computeIfAbsent(name, k -> new double[2]);
                acc[0] += selfUs[i] / 1e6 / steps;
                acc[1]++;
                shapes.computeIfAbsent(name, k -> new HashMap<>()).merge(e.path("shape").toString(), selfUs[i] / 1e6 / steps,
                        Double::sum);
            }
        }
        List<Op> out = new ArrayList<>();
        self.forEach((name, acc) -> {
            List<Map.Entry<String, Double>> top = new ArrayList<>(shapes.get(name).entrySet());
            top.sort(Map.Entry.<String, Double>comparingByValue().reversed());
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < Math.min(2, top.size()); i++) {
                s.append(i == 0 ? "" : "; ").append(String.format(java.util.Locale.ROOT, "%.2fs %s",
                        top.get(i).getValue(), top.get(i).getKey()));
            }
            out.add(new Op(name, acc[0], (int) Math.round(acc[1] / steps), s.toString()));
        });
        out.sort(Comparator.comparingDouble(Op::selfSeconds).reversed());
        return out;
    }
}
