package studio.nada.ui.view;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The studio's keyboard shortcuts, named once: the filter, the menus, tooltips and Help use these. */
final class Shortcuts {
    static final KeyCombination ADAPT_KEYS = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination STOP_KEYS = new KeyCodeCombination(KeyCode.ESCAPE);
    static final KeyCombination EXPORT_KEYS = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination OPEN_GENERATOR_KEYS = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination QUIT_KEYS = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);
    static final String ADAPT = ADAPT_KEYS.getDisplayText();
    static final String STOP = STOP_KEYS.getDisplayText();

    private Shortcuts() {}

    /** Every shortcut with what it does, for Help ▸ Keyboard shortcuts. */
    static String table() {
        return String.join("\n",
                ADAPT + "\tAdapt",
                STOP + "\tStop the run (its checkpoint is kept)",
                EXPORT_KEYS.getDisplayText() + "\tExport…",
                OPEN_GENERATOR_KEYS.getDisplayText() + "\tOpen generator…",
                QUIT_KEYS.getDisplayText() + "\tQuit",
                "Esc\tClose the enlarged view or a dialog");
    }
}
