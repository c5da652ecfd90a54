package studio.nada.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where an adapted generator came from, for the export sidecar: its run's run.json, when beside it. */
public final class RunProvenance {
    private static final long MAX_BYTES = 1 << 20;

    private RunProvenance() {}

    /** The config (prompts, settings), iterations done and models of the run that wrote {@code generatorFile}. */
    public static Map<String, Object> of(Path generatorFile) throws IOException {
        Path json = generatorFile.toAbsolutePath().resolveSibling("run.json");
        Map<String, Object> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(json) || Files.size(json) > MAX_BYTES) {
            return out;
        }
        Map<?, ?> doc;
        try {
            doc = new ObjectMapper().readValue(json.toFile(), Map.class);
        } catch (IOException e) {
            return out; // a damaged run.json costs the sidecar its provenance, not the export
        }
        for (String k : List.of("config", "iterations_done", "models")) {
            if (doc.containsKey(k)) {
                out.put(k, doc.get(k));
            }
        }
        return out;
    }
}
