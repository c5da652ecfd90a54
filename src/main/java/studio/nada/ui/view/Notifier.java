package studio.nada.ui.view;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.stage.PopupWindow;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import studio.nada.ui.viewmodel.Notice;
import studio.nada.ui.viewmodel.Notices;

/** Shows each new notice as a ControlsFX notification over the studio window. */
final class Notifier {
    private Notifier() {}

    static void attach(Notices notices, Node owner) {
        keepEscapeForShortcuts();
        notices.all().addListener((ListChangeListener<Notice>) c -> {
            while (c.next()) {
                // shown on a later turn of the FX thread: building a popup is not part of handling an event
                c.getAddedSubList().forEach(n -> javafx.application.Platform.runLater(() -> show(n, owner)));
            }
        });
    }

    /**
     * A notification is a popup of the studio window, and popups take Esc for themselves (to hide)
     * before the window's shortcut filter sees it: Esc would dismiss a toast instead of stopping the
     * run. Notification popups are told to leave Esc alone.
     */
    private static void keepEscapeForShortcuts() {
        Window.getWindows().addListener((ListChangeListener<Window>) c -> {
            while (c.next()) {
                for (Window w : c.getAddedSubList()) {
                    if (w instanceof PopupWindow p && p.getScene() != null
                            && p.getScene().getRoot().lookup(".notification-bar") != null) {
                        p.setHideOnEscape(false);
                    }
                }
            }
        });
    }

    private static void show(Notice n, Node owner) {
        if (owner.getScene() == null || owner.getScene().getWindow() == null) {
            return;
        }
        Notifications note = Notifications.create().title(n.title()).text(n.text()).owner(owner.getScene().getWindow())
                .hideAfter(Duration.seconds(n.kind() == Notice.Kind.ERROR ? 10 : 6));
        switch (n.kind()) {
            case ERROR -> note.showError();
            case WARNING -> note.showWarning();
            default -> note.showInformation();
        }
    }
}
