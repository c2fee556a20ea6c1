package io.cgscope.ui.window;

import io.cgscope.host.Access;
import io.cgscope.host.WatchProgress;
import io.cgscope.ui.tree.CgroupTreeModel;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.StatusBar;

/** The status bar: hierarchies, cgroups, releasable count, watches still being registered, watch modes, read-only or not. */
final class StatusLine extends StatusBar {
    private final CgroupTreeModel tree;
    private final LiveFeed feed;
    private final boolean readOnly;
    private final Label modes = new Label();
    private final Label access = new Label();
    private final Label counts = new Label();
    private final Label reread = new Label();
    private final Label watching = new Label();
    private final Tooltip modesTip = new Tooltip();

    StatusLine(CgroupTreeModel tree, LiveFeed feed, Access access) {
        this.tree = tree;
        this.feed = feed;
        this.readOnly = !access.writable();
        initializeParts();
        layoutParts();
        bindFieldsToModel();
    }

    private void initializeParts() {
        setId("status-line");
        getStyleClass().add("status-line");
        counts.setId("status-counts");
        counts.getStyleClass().add("status-counts");
        // what is shown and whether it may be written keep their room; how it is watched gives way
        counts.setMinWidth(Region.USE_PREF_SIZE);
        access.setMinWidth(Region.USE_PREF_SIZE);
        modes.setMinWidth(0);
        reread.setId("status-reread");
        reread.getStyleClass().add("status-reread");
        reread.setMinWidth(Region.USE_PREF_SIZE);
        watching.setId("status-watching");
        watching.setMinWidth(Region.USE_PREF_SIZE);
        modes.getStyleClass().add("watch-modes");
        modes.setTooltip(modesTip);
        access.getStyleClass().add(readOnly ? "access-read-only" : "access-read-write");
        access.setText(readOnly ? "read-only" : "read-write");
    }

    /**
     * The kernel's calls of the release agent against the predictions: how many agreed, and how
     * many did not ({@link io.cgscope.ui.log.PredictionCheck}); empty, and so hidden, until a
     * recorder is heard from.
     */
    void showPredictionCounts(ReadOnlyStringProperty summary) {
        Label predictions = new Label();
        predictions.setId("status-predictions");
        predictions.getStyleClass().add("status-predictions");
        predictions.setMinWidth(Region.USE_PREF_SIZE);
        predictions.textProperty().bind(summary);
        getLeftItems().add(predictions);
    }

    private void layoutParts() {
        setText("");
        getLeftItems().setAll(counts);
        getRightItems().setAll(reread, watching, modes, access);
    }

    private void bindFieldsToModel() {
        counts.textProperty().bind(Bindings.createStringBinding(() -> !feed.loadedProperty().get()
                        // the window shows before the first read is done: say why the tree is empty
                        ? "reading the cgroups…"
                        : plural(tree.hierarchyCountProperty().get(), "hierarchy", "hierarchies") + " · "
                        + plural(tree.cgroupCountProperty().get(), "cgroup", "cgroups") + " · "
                        + tree.releasableCountProperty().get() + " releasable"
                        + (feed.errorProperty().get() == null ? "" : " · " + feed.errorProperty().get()),
                feed.loadedProperty(), tree.hierarchyCountProperty(), tree.cgroupCountProperty(),
                tree.releasableCountProperty(), feed.errorProperty()));
        modes.textProperty().bind(feed.modesProperty());
        // the tree is shown before its watches are registered: say how far that is, until done
        watching.textProperty().bind(Bindings.createStringBinding(() -> {
            WatchProgress p = feed.watchProgressProperty().get();
            return p.done() ? "" : String.format("watching %,d of %,d cgroups", p.watched(), p.total());
        }, feed.watchProgressProperty()));
        // F5 and every write read the source again: say when, so that a key press shows its effect
        reread.textProperty().bind(Bindings.createStringBinding(() -> feed.rereadAtProperty().get() == null ? ""
                : "re-read " + TIME.format(feed.rereadAtProperty().get()), feed.rereadAtProperty()));
        modesTip.textProperty().bind(feed.modeDetailsProperty());
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter
            .ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private static String plural(int n, String one, String many) {
        return String.format("%,d %s", n, n == 1 ? one : many);
    }
}
