package studio.nada.ui.service;

import java.util.Arrays;
import java.util.List;
import studio.nada.export.Images;

/** What a preview render shows: seeds, truncation ψ and domain strength α. */
public record PreviewRequest(long[] seeds, double truncation, double strength) {
    public PreviewRequest {
        seeds = seeds.clone();
    }

    boolean sameView(long[] otherSeeds, double otherTruncation) {
        return Arrays.equals(seeds, otherSeeds) && truncation == otherTruncation;
    }

    /** The rendered pairs: frozen and (when a trained generator exists) trained images, same order as the seeds. */
    public record Frames(PreviewRequest request, List<Images.Argb> frozen, List<Images.Argb> trained) {}
}
