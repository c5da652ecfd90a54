package studio.nada.ui.viewmodel;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The notices raised so far (the view shows each new one; tests read them). FX thread. */
public final class Notices {
    private final ObservableList<Notice> all = FXCollections.observableArrayList();
    private final ObservableList<Notice> readOnly = FXCollections.unmodifiableObservableList(all);

    public void post(Notice n) {
        all.add(n);
    }

    public ObservableList<Notice> all() {
        return readOnly;
    }
}
