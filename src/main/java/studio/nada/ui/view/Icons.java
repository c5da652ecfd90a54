package studio.nada.ui.view;

import javafx.scene.control.ButtonBase;
import org.kordamp.ikonli.javafx.FontIcon;

/** Ikonli Material Design icons on buttons. */
final class Icons {
    private Icons() {}

    static <B extends ButtonBase> B with(B button, String iconLiteral) {
        FontIcon icon = new FontIcon(iconLiteral);
        icon.getStyleClass().add("button-icon");
        button.setGraphic(icon);
        return button;
    }
}
