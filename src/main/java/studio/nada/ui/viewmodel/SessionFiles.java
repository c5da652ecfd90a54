package studio.nada.ui.viewmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import studio.nada.nada.NadaConfig;
import studio.nada.nada.RunSidecar;
import studio.nada.weights.AtomicFiles;

/**
 * {@code session.json}: what a studio session needs to be reopened whole — the model set it ran
 * on, the prompt and every setting, the CLIP weights, the preview's seeds, and the history of the
 * layer map and the charts. The studio writes it every few iterations and at the end (atomically),
 * so a run cut by closing the window reopens too; {@link #read} returns null for a folder without one.
 */
final class SessionFiles {
    static final String FILE = "session.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_BYTES = 32L << 20;

    /** The saved state of a session. */
    record Saved(String modelSet, String generator, NadaConfig config, List<Double> clipWeights, String seeds,
            double truncation, int nLatent, int iterations, List<LayerMapViewModel.Column> columns,
            List<LayerMapViewModel.LossPoint> loss, List<LayerMapViewModel.Change> changes) {}

    private SessionFiles() {}

    static void write(Path dir, Saved s) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("modelSet", s.modelSet());
        root.put("generator", s.generator());
        root.set("config", JSON.readTree(RunSidecar.configJson(s.config())));
        ArrayNode w = root.putArray("clipWeights");
        s.clipWeights().forEach(w::add);
        root.put("seeds", s.seeds());
        root.put("truncation", s.truncation());
        root.put("nLatent", s.nLatent());
        root.put("iterations", s.iterations());
        ArrayNode cols = root.putArray("columns");
        for (LayerMapViewModel.Column c : s.columns()) {
            ObjectNode o = cols.addObject().put("i", c.iteration());
            if (c.scores() != null) {
                ArrayNode sc = o.putArray("scores");
                for (float v : c.scores()) {
                    sc.add(v);
                }
            }
            ArrayNode ch = o.putArray("chosen");
            for (int v : c.chosen()) {
                ch.add(v);
            }
        }
        ArrayNode loss = root.putArray("loss");
        s.loss().forEach(p -> loss.addObject().put("i", p.iteration()).put("loss", p.loss()).put("sim", p.targetSimilarity()));
        ArrayNode changes = root.putArray("changes");
        for (LayerMapViewModel.Change c : s.changes()) {
            ArrayNode r = changes.addObject().put("i", c.iteration()).putArray("relative");
            for (float v : c.relative()) {
                r.add(v);
            }
        }
        byte[] bytes = JSON.writeValueAsBytes(root);
        AtomicFiles.write(dir.resolve(FILE), out -> out.write(bytes));
    }

    static Saved read(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        if (Files.size(f) > MAX_BYTES) {
            throw new IOException(f + " is larger than 32 MB: not a session file");
        }
        JsonNode r = JSON.readTree(f.toFile());
        List<Double> weights = new ArrayList<>();
        r.path("clipWeights").forEach(n -> weights.add(n.asDouble()));
        List<LayerMapViewModel.Column> cols = new ArrayList<>();
        for (JsonNode c : r.path("columns")) {
            float[] scores = c.has("scores") ? floats(c.get("scores")) : null;
            int[] chosen = new int[c.path("chosen").size()];
            for (int i = 0; i < chosen.length; i++) {
                chosen[i] = c.get("chosen").get(i).asInt();
            }
            cols.add(new LayerMapViewModel.Column(c.path("i").asInt(), scores, chosen));
        }
        List<LayerMapViewModel.LossPoint> loss = new ArrayList<>();
        r.path("loss").forEach(p -> loss.add(new LayerMapViewModel.LossPoint(p.path("i").asInt(), p.path("loss").asDouble(),
                p.path("sim").asDouble())));
        List<LayerMapViewModel.Change> changes = new ArrayList<>();
        r.path("changes").forEach(c -> changes.add(new LayerMapViewModel.Change(c.path("i").asInt(),
                floats(c.path("relative")))));
        NadaConfig config = RunSidecar.readConfig(r.path("config").toString());
        return new Saved(r.path("modelSet").asText(null), r.path("generator").asText(null), config, weights,
                r.path("seeds").asText("0-5"), r.path("truncation").asDouble(0.7), r.path("nLatent").asInt(),
                r.path("iterations").asInt(config.iterations()), cols, loss, changes);
    }

    /** Session folders under {@code folder} that the studio can reopen (older ones without a session file too), newest first. */
    static List<Path> list(Path folder, int max) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, p -> Files.isRegularFile(p.resolve(FILE))
                || Files.isRegularFile(p.resolve("generator.pt")) || Files.isRegularFile(p.resolve("checkpoint.pt")))) {
            s.forEach(out::add);
        } catch (IOException e) {
            return out;
        }
        out.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString())); // names start with the time
        return out.size() > max ? out.subList(0, max) : out;
    }

    private static float[] floats(JsonNode a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) a.get(i).asDouble();
        }
        return v;
    }
}
