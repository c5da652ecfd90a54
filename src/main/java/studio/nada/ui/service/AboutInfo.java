package studio.nada.ui.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Help ▸ About: the versions the studio runs on and the licenses of what it ships with. */
public final class AboutInfo {
    /** What the studio is built on and each part's license (checked against the projects' own files). */
    static final List<String> LICENSES = List.of(
            "OpenJFX 21 (JavaFX): GPL v2 with the Classpath Exception",
            "Deep Java Library (DJL): Apache License 2.0",
            "PyTorch (libtorch, through DJL): BSD 3-Clause",
            "ControlsFX: BSD 3-Clause",
            "Ikonli and the Material Design Icons: Apache License 2.0",
            "Jackson, picocli, Gson, Apache Commons: Apache License 2.0",
            "JNA: Apache License 2.0 (or LGPL 2.1)",
            "TwelveMonkeys ImageIO: BSD 3-Clause",
            "JCodec: BSD 2-Clause",
            "SLF4J: MIT",
            "OpenAI CLIP's BPE vocabulary: MIT (notice below)");

    private AboutInfo() {}

    public static String version() {
        String v = AboutInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0";
    }

    /** "NADA Studio 0.1.0", then Java, JavaFX, DJL and PyTorch versions, one a line. */
    public static List<String> versions() {
        List<String> out = new ArrayList<>();
        out.add("NADA Studio " + version());
        out.add("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        out.add("JavaFX " + System.getProperty("javafx.runtime.version", "21"));
        out.add("DJL " + ai.djl.engine.Engine.getDjlVersion());
        out.add("PyTorch " + pytorchVersion());
        return out;
    }

    /** The engine is loaded by the time a user opens About (the models run on it); never loads it here. */
    private static String pytorchVersion() {
        try {
            return ai.djl.engine.Engine.hasEngine("PyTorch") ? ai.djl.engine.Engine.getEngine("PyTorch").getVersion()
                    : "2.7.1";
        } catch (RuntimeException e) {
            return "2.7.1";
        }
    }

    public static String text() {
        StringBuilder b = new StringBuilder();
        b.append("StyleGAN-NADA: CLIP-guided domain adaptation of image generators\n");
        b.append("(Gal et al., arXiv 2108.00946)\n\n");
        versions().forEach(v -> b.append(v).append('\n'));
        b.append("\nLicenses\n");
        LICENSES.forEach(l -> b.append("  ").append(l).append('\n'));
        b.append('\n').append(notices());
        return b.toString();
    }

    private static String notices() {
        try (InputStream in = AboutInfo.class.getResourceAsStream("/studio/nada/clip/THIRD_PARTY_NOTICES.txt")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
