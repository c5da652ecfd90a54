package studio.nada.ui.view;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import studio.nada.ui.viewmodel.Notice;
import studio.nada.ui.viewmodel.Notices;

/** Shows each new notice as a ControlsFX notification over the studio window. */
final class Notifier {
    private Notifier() {}

    static void attach(Notices notices, Node owner) {
        notices.all().addListener((ListChangeListener<Notice>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(n -> show(n, owner));
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
