package studio.nada.ui.view;

import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import studio.nada.ui.viewmodel.Notice;
import studio.nada.ui.viewmodel.Notices;

/**
 * Shows each new notice as a card in the window's bottom-left corner, over the lower part of the
 * side panel (the advanced settings, locked during a run), never over the preview's controls or
 * the layer map: wrapped text of a fixed width, inside the window whatever its size, a close
 * button, gone after a few seconds (errors stay longer; hovering keeps it). At most
 * {@link #SHOWN} at once; the oldest goes first. Cards are nodes of the window, not popups, so Esc
 * stays the studio's (it stops a run).
 */
final class Notifier {
    static final double WIDTH = 340;
    static final int SHOWN = 3;

    private Notifier() {}

    /** The layer that holds the cards; put it over the content in a StackPane. */
    static VBox attach(Notices notices) {
        VBox layer = new VBox(8);
        layer.setId("notices");
        layer.setPickOnBounds(false);
        layer.setAlignment(Pos.BOTTOM_LEFT);
        layer.setPadding(new Insets(16, 16, 16, 16));
        layer.setMaxWidth(WIDTH + 32);
        layer.setMaxHeight(Double.MAX_VALUE);
        StackPane.setAlignment(layer, Pos.BOTTOM_LEFT);
        notices.all().addListener((ListChangeListener<Notice>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(n -> show(layer, n));
            }
        });
        return layer;
    }

    private static void show(VBox layer, Notice n) {
        Label title = new Label(n.title());
        title.getStyleClass().add("notice-title");
        title.setWrapText(true);
        Label text = new Label(n.text());
        text.getStyleClass().add("notice-text");
        text.setWrapText(true);
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Button close = new Button("✕");
        close.getStyleClass().add("notice-close");
        close.setFocusTraversable(false);
        HBox head = new HBox(6, title, new javafx.scene.layout.Region(), close);
        HBox.setHgrow(head.getChildren().get(1), Priority.ALWAYS);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(4, head, text);
        card.getStyleClass().addAll("notice", "notice-" + n.kind().name().toLowerCase(java.util.Locale.ROOT));
        card.setPrefWidth(WIDTH);
        card.setMaxWidth(WIDTH);
        card.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        close.setOnAction(e -> layer.getChildren().remove(card));
        layer.getChildren().add(card);
        while (layer.getChildren().size() > SHOWN) {
            layer.getChildren().remove(0);
        }
        PauseTransition hide = new PauseTransition(Duration.seconds(n.kind() == Notice.Kind.ERROR ? 12 : 6));
        hide.setOnFinished(e -> layer.getChildren().remove(card));
        card.hoverProperty().addListener((o, a, b) -> {
            if (b) {
                hide.stop();
            } else {
                hide.playFromStart();
            }
        });
        hide.play();
    }
}
