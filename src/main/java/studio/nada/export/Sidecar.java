package studio.nada.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * {@code export.json}: everything needed to reproduce an export — the generators with their
 * sha256, where the adaptation came from (prompts, settings), seeds, truncation, strength, noise,
 * the animation settings, the app's version — and the files written with their sizes.
 */
final class Sidecar {
    static final String APP = "NADA Studio " + version();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Sidecar() {}

    static void write(Path file, ExportJob.Models m, ExportOptions o, StagedFolder folder) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("app", APP);
        doc.put("created", Instant.now().toString());
        Map<String, Object> models = new LinkedHashMap<>();
        models.put("adapted", m.adaptedSource());
        if (o.pairs()) {
            models.put("pairs", "frozen (base) on the left of each grid tile and walk frame, adapted on the right");
        }
        models.put("base", Map.of("file", String.valueOf(m.base().source()), "sha256", m.baseSha256()));
        doc.put("models", models);
        doc.put("adaptation", m.provenance());
        Map<String, Object> render = new LinkedHashMap<>();
        render.put("seeds", LongStream.of(o.seeds()).boxed().toList());
        render.put("truncation", o.truncation());
        render.put("domain_strength", o.strength());
        render.put("noise", "stored");
        render.put("pairs", o.pairs());
        doc.put("images", render);
        if (o.gif() != ExportOptions.Animation.NONE || o.mp4() != ExportOptions.Animation.NONE) {
            Map<String, Object> anim = new LinkedHashMap<>();
            anim.put("gif", o.gif().name().toLowerCase(java.util.Locale.ROOT));
            anim.put("mp4", o.mp4().name().toLowerCase(java.util.Locale.ROOT));
            anim.put("frames", o.frames());
            anim.put("fps", o.fps());
            anim.put("frame_size", o.frameSize());
            anim.put("seeds", LongStream.of(o.seeds()).limit(ExportOptions.ANIMATED_SEEDS).boxed().toList());
            doc.put("animation", anim);
        }
        List<Map<String, Object>> files = new ArrayList<>();
        for (Map.Entry<String, Path> f : folder.staged().entrySet()) {
            if (!f.getKey().equals("export.json")) {
                files.add(Map.of("name", f.getKey(), "bytes", Files.size(f.getValue())));
            }
        }
        doc.put("files", files);
        byte[] bytes = JSON.writeValueAsBytes(doc);
        Files.write(file, bytes);
    }

    private static String version() {
        String v = Sidecar.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0";
    }
}
