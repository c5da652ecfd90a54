package studio.nada.ui.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import studio.nada.export.Images;
import studio.nada.ui.service.PreviewRequest;
import studio.nada.ui.service.TrainingService;

/**
 * The preview grid: fixed seeds, each shown frozen | trained; truncation and domain-strength
 * sliders and the seed field. Every change asks the service for a newest-wins render; frames
 * (plain pixels) come back on the FX thread and replace the cells.
 */
public final class PreviewViewModel {
    /** One grid cell: a seed's frozen image and its trained image (null before any adaptation). */
    public record Cell(long seed, Images.Argb frozen, Images.Argb trained) {}

    public static final int MAX_SEEDS = 12;
    private final TrainingService service;
    private final Notices notices;
    private final StringProperty seeds = new SimpleStringProperty("0-5");
    private final DoubleProperty truncation = new SimpleDoubleProperty(0.7);
    private final DoubleProperty strength = new SimpleDoubleProperty(1.0);
    private final ReadOnlyObjectWrapper<List<Cell>> cells = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyIntegerWrapper framesShown = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper seedsError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper shownText = new ReadOnlyStringWrapper("");
    private final Random seedDice = new Random();
    private long[] lastGoodSeeds = {0, 1, 2, 3, 4, 5};

    public PreviewViewModel(TrainingService service, Notices notices) {
        this.service = service;
        this.notices = notices;
        service.onFrames(this::show, m -> notices.post(Notice.error("Preview", m)));
        truncation.addListener((o, a, b) -> refresh());
        strength.addListener((o, a, b) -> refresh());
        seeds.addListener((o, a, b) -> refresh());
        cells.addListener((o, a, b) -> shownText.set(describeShown(b.size())));
    }

    /** Why the seed field does not parse ("" when it does); the grid keeps the last good seeds meanwhile. */
    public ReadOnlyStringProperty seedsErrorProperty() {
        return seedsError.getReadOnlyProperty();
    }

    /** How many seeds the grid shows, in words ("6 seeds shown"). */
    public ReadOnlyStringProperty shownTextProperty() {
        return shownText.getReadOnlyProperty();
    }

    static String describeShown(int n) {
        return n == 0 ? "" : n == 1 ? "1 seed shown" : n + " seeds shown";
    }

    public StringProperty seedsProperty() {
        return seeds;
    }

    public DoubleProperty truncationProperty() {
        return truncation;
    }

    /** α: 0 = the frozen generator, 1 = the trained one. */
    public DoubleProperty strengthProperty() {
        return strength;
    }

    public ReadOnlyObjectProperty<List<Cell>> cellsProperty() {
        return cells.getReadOnlyProperty();
    }

    /** How many frames have been shown (each refresh counts one). */
    public ReadOnlyIntegerProperty framesShownProperty() {
        return framesShown.getReadOnlyProperty();
    }

    /** The seeds shown; a field that does not parse keeps the last good ones. */
    public long[] seedList() {
        try {
            lastGoodSeeds = parseSeeds(seeds.get());
            seedsError.set("");
        } catch (IllegalArgumentException e) {
            // keep showing the previous seeds while the user types, and say why these are not taken
            seedsError.set(e.getMessage());
        }
        return lastGoodSeeds.clone();
    }

    public PreviewRequest request() {
        return new PreviewRequest(seedList(), truncation.get(), strength.get());
    }

    /** Asks for a render of the current view (newest wins). */
    public void refresh() {
        service.requestPreview(request());
    }

    /** Draws fresh random seeds, as many as shown now. */
    public void newSeeds() {
        int n = Math.max(1, seedList().length);
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fresh.add(Long.toString(seedDice.nextInt(100_000)));
        }
        seeds.set(String.join(",", fresh));
    }

    private void show(PreviewRequest.Frames f) {
        long[] s = f.request().seeds();
        List<Cell> out = new ArrayList<>();
        for (int i = 0; i < s.length && i < f.frozen().size(); i++) {
            out.add(new Cell(s[i], f.frozen().get(i), f.trained() == null ? null : f.trained().get(i)));
        }
        cells.set(List.copyOf(out));
        framesShown.set(framesShown.get() + 1);
    }

    /** "0-5", "1,4,9" or a mix, at most {@link #MAX_SEEDS}. */
    static long[] parseSeeds(String text) {
        long[] seeds;
        try {
            seeds = studio.nada.export.SeedList.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + (text == null ? "" : text.strip())
                    + "\" is not a seed list: use e.g. 0-5 or 3,17,42");
        }
        if (seeds.length > MAX_SEEDS) {
            throw new IllegalArgumentException(seeds.length + " seeds: the preview shows at most " + MAX_SEEDS
                    + " (e.g. 0-" + (MAX_SEEDS - 1) + "); Export… writes more");
        }
        return seeds;
    }
}
