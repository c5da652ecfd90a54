package studio.nada.ui.view;

import java.util.Optional;
import javafx.beans.property.Property;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;
import studio.nada.nada.LayerMapping;
import studio.nada.ui.viewmodel.AdvancedSettingsViewModel;

/** The advanced settings as a ControlsFX property sheet bound to the view model's properties. */
final class AdvancedView {
    private AdvancedView() {}

    static PropertySheet create(AdvancedSettingsViewModel vm) {
        PropertySheet sheet = new PropertySheet();
        sheet.setId("advanced");
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.getItems().addAll(
                item("Run", "Iterations", "total adaptation steps", Integer.class, vm.iterationsProperty()),
                item("Run", "Batch", "images per step", Integer.class, vm.batchProperty()),
                item("Run", "Learning rate", "Adam lr (0.0016 = the paper's 0.002·4/5)", Double.class, vm.lrProperty()),
                item("Run", "Seed", "seed of the training draws", Long.class, vm.seedProperty()),
                item("Layers", "Layers k", "W+ layers trained per step; 0 = all (no probe)", Integer.class, vm.layersKProperty()),
                item("Layers", "Layer mapping", "upstream: the reference's; consumer: the layers that read w[j]",
                        LayerMapping.class, vm.layerMappingProperty()),
                item("CLIP", "CLIP weights", "one per CLIP model, comma-separated; blank = defaults", String.class,
                        vm.clipWeightsProperty()),
                item("Output", "Preview every", "iterations between preview refreshes (0 = never)", Integer.class,
                        vm.previewEveryProperty()),
                item("Output", "Checkpoint every", "iterations between checkpoints (0 = only at the end)", Integer.class,
                        vm.checkpointEveryProperty()));
        return sheet;
    }

    /** A sheet row bound to a property (number properties hold Number; the editors give the boxed type). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static PropertySheet.Item item(String category, String name, String description, Class<?> type,
            Property<?> property) {
        Property raw = property;
        return new PropertySheet.Item() {
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
        };
    }
}
