package studio.nada.nada;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import studio.nada.weights.AtomicFiles;
import studio.nada.weights.JsonErrors;

/** The JSON written beside a run's outputs: everything needed to reproduce it. */
public final class RunSidecar {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunSidecar() {}

    public static String configJson(NadaConfig config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize the run configuration", e);
        }
    }

    /** Reads a configuration written by {@link #configJson}; a clear error for anything else. */
    public static NadaConfig readConfig(String json) {
        try {
            return JSON.readValue(json, NadaConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("the checkpoint's run configuration cannot be read: " + JsonErrors.describe(e), e);
        }
    }

    public static void write(Path file, NadaConfig config, int iterationsDone, RunOptions options,
            Map<String, Object> models, Map<String, Object> timings) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tool", "NADA Studio");
        doc.put("method", "StyleGAN-NADA (arXiv 2108.00946)");
        doc.put("written", Instant.now().toString());
        doc.put("config", config);
        doc.put("iterations_done", iterationsDone);
        doc.put("models", models);
        doc.put("preview_seeds", options.previewSeeds());
        doc.put("preview_truncation", options.previewTruncation());
        doc.put("timings", timings);
        doc.put("reproduce", "java -jar nada-studio.jar train with the config above; every random draw of iteration i "
                + "comes from the engine generator seeded with (seed * 1000003 + i)");
        byte[] bytes = JSON.writeValueAsBytes(doc);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
