package io.cgscope.ui.window;

import io.cgscope.ui.tree.TreeFilter;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;
import org.controlsfx.control.textfield.TextFields;

import java.time.Duration;
import java.util.List;

/**
 * The toolbar: the filter field (clearable), only-releasable, pause/resume and the poll
 * interval. Typing re-filters after a short pause in typing, so a fast typist does not filter a
 * 100,000-row tree once per key.
 */
public final class TopBar extends ToolBar {
    private static final List<Duration> INTERVALS = List.of(Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10));

    private final LiveFeed feed;
    private final TextField filterField = TextFields.createClearableTextField();
    private final ToggleButton onlyReleasable = new ToggleButton("Only releasable");
    private final ToggleButton pause = new ToggleButton("Pause");
    private final ComboBox<Duration> interval = new ComboBox<>(FXCollections.observableArrayList(INTERVALS));
    private final Label intervalLabel = new Label("Poll every");
    private final ReadOnlyObjectWrapper<TreeFilter> filter = new ReadOnlyObjectWrapper<>(TreeFilter.NONE);
    private final PauseTransition typing = new PauseTransition(javafx.util.Duration.millis(150));

    public TopBar(LiveFeed feed) {
        this.feed = feed;
        initializeParts();
        layoutParts();
        bindFieldsToModel();
    }

    private void initializeParts() {
        getStyleClass().add("top-bar");
        filterField.setId("filter-field");
        filterField.setPromptText("Filter cgroups by name (Ctrl+F)");
        filterField.setPrefColumnCount(22);
        onlyReleasable.setId("only-releasable");
        onlyReleasable.getStyleClass().add("releasable-toggle");
        onlyReleasable.setTooltip(new Tooltip("Show only releasable cgroups and their ancestors"));
        pause.setId("pause-live");
        pause.setTooltip(new Tooltip("Hold live updates; they are applied on resume"));
        interval.setId("poll-interval");
        interval.setTooltip(new Tooltip("How often the poller reads what inotify cannot see (v1 membership)"));
        interval.setConverter(new StringConverter<>() {
            @Override
            public String toString(Duration d) {
                return d == null ? "" : d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
            }

            @Override
            public Duration fromString(String s) {
                return null;
            }
        });
    }

    private void layoutParts() {
        getItems().setAll(filterField, onlyReleasable, pause, intervalLabel, interval);
    }

    private void bindFieldsToModel() {
        typing.setOnFinished(e -> updateFilter());
        filterField.textProperty().addListener((o, was, now) -> {
            if (now == null || now.isEmpty()) {
                typing.stop();
                updateFilter(); // clearing shows everything at once
            } else {
                typing.playFromStart();
            }
        });
        onlyReleasable.selectedProperty().addListener((o, was, now) -> updateFilter());
        pause.selectedProperty().addListener((o, was, now) -> {
            feed.setPaused(now);
            pause.setText(now ? "Resume" : "Pause");
        });
        feed.heldCountProperty().addListener((o, was, now) -> {
            if (pause.isSelected()) {
                pause.setText(now.intValue() == 0 ? "Resume" : "Resume (" + now + " held)");
            }
        });
        interval.setValue(feed.pollIntervalProperty().get());
        interval.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                feed.setPollInterval(now);
            }
        });
    }

    /** What the tree should show. */
    public ReadOnlyObjectProperty<TreeFilter> filterProperty() {
        return filter.getReadOnlyProperty();
    }

    public void focusFilter() {
        filterField.requestFocus();
        filterField.selectAll();
    }

    private void updateFilter() {
        filter.set(new TreeFilter(filterField.getText(), onlyReleasable.isSelected()));
    }
}
