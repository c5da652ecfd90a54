package studio.nada.ui.view;

import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.PropertyEditor;
import studio.nada.nada.LayerMapping;
import studio.nada.nada.PhasePreset;
import studio.nada.ui.viewmodel.AdvancedSettingsViewModel;
import studio.nada.ui.viewmodel.AdvancedSettingsViewModel.Field;

/**
 * The advanced settings as a ControlsFX property sheet bound to the view model's properties. A
 * field that differs from the model set's recommendation is marked (style class {@code changed},
 * its tooltip names the recommended value); "Reset to recommended" brings them all back.
 */
final class AdvancedView {
    private AdvancedView() {}

    static VBox create(AdvancedSettingsViewModel vm) {
        PropertySheet sheet = new PropertySheet();
        sheet.setId("advanced");
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.getItems().addAll(
                new Row("Run", "Iterations", "How many adaptation steps the run takes", Integer.class,
                        vm.iterationsProperty(), Field.ITERATIONS),
                new Row("Run", "Images per step", "How many images are generated and judged by CLIP at each step"
                        + " (the batch size); more is steadier but slower and uses more memory", Integer.class,
                        vm.batchProperty(), Field.BATCH),
                new Row("Run", "Learning rate", "How big each step's change to the generator is"
                        + " (Adam; 0.0016 = the paper's 0.002·4/5)", Double.class, vm.lrProperty(), Field.LR),
                new Row("Run", "Style mixing", "How often two random styles are mixed in one training image (0-1)",
                        Double.class, vm.mixingProperty(), Field.MIXING),
                new Row("Run", "Random seed", "The seed of the run's random draws: the same seed, the same run",
                        Long.class, vm.seedProperty(), null),
                new Row("Layers", "Layers per step", "How many of the generator's style layers (W+ layers,"
                        + " one row each in the layer map) are trained at each step, picked by a short probe;"
                        + " 0 = all of them, no probe", Integer.class, vm.layersKProperty(), Field.LAYERS_K),
                new Row("Layers", "Trained layers", "Which layers a picked W+ layer trains: as in the paper's code (its published"
                        + " results), or the layers that actually read the picked style", LayerMapping.class,
                        vm.layerMappingProperty(), Field.LAYER_MAPPING),
                new Row("Layers", "Probe steps", "Steps of the short probe that picks the layers to train;"
                        + " 0 = no probe, the fixed layers below are trained", Integer.class,
                        vm.autoLayerItersProperty(), Field.AUTO_LAYER_ITERS),
                new Row("Layers", "Fixed layers", "With 0 probe steps, the layers every step trains: one of the"
                        + " paper's presets, or the style affines only (what each layer is asked to draw, not how)",
                        PhasePreset.class, vm.phaseProperty(), Field.PHASE),
                new Row("CLIP", "Weight per CLIP model", "One number per CLIP model, comma-separated"
                        + " (e.g. 1, 0.5); blank = the same weight for each", String.class, vm.clipWeightsProperty(),
                        Field.CLIP_WEIGHTS),
                new Row("Output", "Preview every", "Iterations between preview refreshes (0 = never)", Integer.class,
                        vm.previewEveryProperty(), null),
                new Row("Output", "Checkpoint every", "Iterations between saved checkpoints (0 = only at the end)",
                        Integer.class, vm.checkpointEveryProperty(), null));
        DefaultPropertyEditorFactory editors = new DefaultPropertyEditorFactory();
        sheet.setPropertyEditorFactory(i -> {
            PropertyEditor<?> editor = i.getType() == LayerMapping.class
                    ? choices(i, LayerMapping.values(), AdvancedSettingsViewModel::words, "layerMappingEditor")
                    : i.getType() == PhasePreset.class
                    ? choices(i, PhasePreset.values(), AdvancedSettingsViewModel::words, "phaseEditor")
                    : editors.call(i);
            if (i instanceof Row row && row.field != null) {
                markWhenChanged(editor.getEditor(), vm, row.field);
            }
            if (i instanceof Row row && row.field == Field.AUTO_LAYER_ITERS) {
                // with every layer trained there is no probe: its steps would be a setting that does nothing
                // (0 stays reachable: it trains the fixed layers instead)
                editor.getEditor().setId("probeStepsEditor");
                editor.getEditor().disableProperty().bind(vm.layersKProperty().isEqualTo(0)
                        .and(vm.autoLayerItersProperty().isNotEqualTo(0)));
            }
            if (i instanceof Row row && row.field == Field.PHASE) {
                editor.getEditor().disableProperty().bind(vm.autoLayerItersProperty().isNotEqualTo(0));
            }
            return editor;
        });

        Label source = new Label();
        source.getStyleClass().add("recommended-for");
        source.textProperty().bind(Bindings.createStringBinding(
                () -> "Recommended for " + vm.recommendedProperty().get().name(), vm.recommendedProperty()));
        Button reset = Icons.with(new Button("Reset to recommended"), "mdi2r-restore");
        reset.setId("resetRecommended");
        reset.disableProperty().bind(vm.anyDiffers().not());
        reset.setOnAction(e -> vm.resetToRecommended());
        // one above the other: side by side, the panel's width cut both ("Recommended for the Sha…")
        source.setWrapText(true);
        // a run reads its settings once, when it starts: locked while one is going, and said so
        Label locked = new Label("Locked while a run is going: a run uses the settings it started with.");
        locked.setId("advancedLocked");
        locked.getStyleClass().add("hint");
        locked.setWrapText(true);
        locked.visibleProperty().bind(vm.lockedProperty());
        locked.managedProperty().bind(locked.visibleProperty());
        sheet.disableProperty().bind(vm.lockedProperty());
        reset.disableProperty().unbind();
        reset.disableProperty().bind(vm.anyDiffers().not().or(vm.lockedProperty()));
        return new VBox(6, source, reset, locked, sheet);
    }

    /** A choice among {@code values}, each shown in words rather than its constant's name. */
    private static <T> PropertyEditor<?> choices(PropertySheet.Item item, T[] values,
            java.util.function.Function<T, String> words, String id) {
        javafx.scene.control.ComboBox<T> combo = new javafx.scene.control.ComboBox<>(
                javafx.collections.FXCollections.observableArrayList(values));
        combo.setId(id);
        combo.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(T v) {
                return v == null ? "" : words.apply(v);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        return new org.controlsfx.property.editor.AbstractPropertyEditor<T, javafx.scene.control.ComboBox<T>>(item, combo) {
            @Override
            protected javafx.beans.value.ObservableValue<T> getObservableValue() {
                return getEditor().valueProperty();
            }

            @Override
            public void setValue(T value) {
                getEditor().setValue(value);
            }
        };
    }

    /** The editor carries style class {@code changed} while its field is not the recommended value. */
    private static void markWhenChanged(Node editor, AdvancedSettingsViewModel vm, Field field) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.createStringBinding(() -> "Recommended: " + vm.recommendedText(field),
                vm.recommendedProperty()));
        Tooltip.install(editor, tip);
        Runnable mark = () -> {
            editor.getStyleClass().remove("changed");
            if (vm.differs(field).get()) {
                editor.getStyleClass().add("changed");
            }
        };
        vm.differs(field).addListener((o, a, b) -> mark.run());
        mark.run();
    }

    /**
     * A sheet row bound to a property (number properties hold Number; the editors give the boxed
     * type); {@code field} is the recommended field it shows, null for the studio's own settings.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final class Row implements PropertySheet.Item {
        private final String category;
        private final String name;
        private final String description;
        private final Class<?> type;
        private final Property raw;
        final Field field;

        Row(String category, String name, String description, Class<?> type, Property<?> property, Field field) {
            this.category = category;
            this.name = name;
            this.description = description;
            this.type = type;
            this.raw = property;
            this.field = field;
        }

        @Override
        public Class<?> getType() {
            return type;
        }

        @Override
        public String getCategory() {
            return category;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public Object getValue() {
            Object v = raw.getValue();
            if (v instanceof Number n) {
                return type == Integer.class ? (Object) n.intValue() : type == Long.class ? (Object) n.longValue()
                        : (Object) n.doubleValue();
            }
            return v;
        }

        @Override
        public void setValue(Object value) {
            if (value != null) {
                raw.setValue(value);
            }
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.of(raw);
        }
    }
}
