package io.cgscope.ui.details;

import io.cgscope.model.EscapedText;
import io.cgscope.model.Paths;
import io.cgscope.ui.tree.Row;
import io.cgscope.ui.tree.RowStates;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TreeItem;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.BreadCrumbBar;
import org.controlsfx.control.PropertySheet;

import java.util.function.Consumer;

/**
 * The selected cgroup: its path as a breadcrumb (a click selects that ancestor), its state and the
 * reason in words, its counts, then tabs: its processes, its interface files, and whatever the
 * window adds (the edit panels).
 */
public final class DetailsView extends VBox {
    private final DetailsModel model;
    private final Consumer<String> onCrumb;
    private final BreadCrumbBar<String> breadcrumb = new BreadCrumbBar<>();
    private final Label hierarchy = new Label();
    private final Label state = new Label();
    private final Label reason = new Label();
    private final Label counts = new Label();
    private final Label gone = new Label();
    private final PropertySheet files = new PropertySheet();
    private final ProcessTable processes;
    private final TabPane tabs = new TabPane();

    /** @param onCrumb receives the path of the ancestor the user clicked in the breadcrumb */
    public DetailsView(DetailsModel model, Consumer<String> onCrumb) {
        this.model = model;
        this.onCrumb = onCrumb;
        this.processes = new ProcessTable(model.processes());
        initializeParts();
        layoutParts();
        bindFieldsToModel();
    }

    private void initializeParts() {
        getStyleClass().add("details");
        breadcrumb.getStyleClass().add("path-crumbs");
        breadcrumb.setAutoNavigationEnabled(false);
        breadcrumb.setCrumbFactory(item -> new BreadCrumbBar.BreadCrumbButton(EscapedText.of(Paths.name(item.getValue()))));
        hierarchy.getStyleClass().add("details-hierarchy");
        state.getStyleClass().add("state-badge");
        state.setMinWidth(Region.USE_PREF_SIZE);
        reason.getStyleClass().add("state-reason");
        reason.setWrapText(true);
        reason.setMinHeight(Region.USE_PREF_SIZE);
        counts.getStyleClass().add("counts");
        gone.getStyleClass().add("details-gone");
        gone.setWrapText(true);
        gone.setMinHeight(Region.USE_PREF_SIZE);
        files.setMode(PropertySheet.Mode.CATEGORY);
        files.setModeSwitcherVisible(false);
        files.setSearchBoxVisible(true);
        files.getStyleClass().add("file-sheet");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add("details-tabs");
    }

    private void layoutParts() {
        // the reason wraps on a line of its own: in a row beside the badge a label cannot wrap;
        // the counts go below the badge when the two do not fit side by side
        FlowPane stateLine = new FlowPane(8, 4, state, counts);
        stateLine.getStyleClass().add("state-line");
        Tab filesTab = new Tab("Interface files", files);
        VBox.setVgrow(processes, Priority.ALWAYS);
        Tab procTab = new Tab("Processes", new VBox(6, new ProcessControls(model.processCommands(), processes), processes));
        tabs.getTabs().setAll(procTab, filesTab);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().setAll(breadcrumb, gone, hierarchy, stateLine, reason, tabs);
    }

    private void bindFieldsToModel() {
        state.textProperty().bind(model.stateProperty());
        state.visibleProperty().bind(model.stateProperty().isNotEmpty());
        reason.textProperty().bind(model.reasonProperty());
        counts.textProperty().bind(model.countsProperty());
        gone.textProperty().bind(model.goneProperty());
        gone.visibleProperty().bind(model.goneProperty().isNotEmpty());
        gone.managedProperty().bind(gone.visibleProperty());
        files.getItems().setAll(model.files());
        model.files().addListener((javafx.collections.ListChangeListener<PropertySheet.Item>) c ->
                files.getItems().setAll(model.files()));
        model.rowProperty().addListener((o, was, now) -> showRow(was, now));
        breadcrumb.setOnCrumbAction(e -> onCrumb.accept(e.getSelectedCrumb().getValue()));
        showRow(null, model.rowProperty().get());
    }

    private void showRow(Row was, Row now) {
        RowStates.show(state, now);
        if (now == null) {
            breadcrumb.setSelectedCrumb(null);
            hierarchy.setText("Select a cgroup in the tree");
            return;
        }
        hierarchy.setText(now.hierarchy().label());
        if (was == null || !was.key().equals(now.key())) {
            breadcrumb.setSelectedCrumb(crumbsOf(now.path()));
        }
    }

    /**
     * Adds a tab after the details' own (the edit panels): everything about the selected cgroup
     * takes one place, whose tabs hold at every size of the window.
     */
    public Tab addTab(String title, javafx.scene.Node content) {
        Tab tab = new Tab(title, content);
        tabs.getTabs().add(tab);
        return tab;
    }

    /** Brings {@code tab} to the front (the edit panels when Delete is pressed in the tree). */
    public void selectTab(Tab tab) {
        tabs.getSelectionModel().select(tab);
    }

    /** A chain of items "/" > "a" > "b" whose values are the full paths. */
    private static TreeItem<String> crumbsOf(String path) {
        TreeItem<String> item = new TreeItem<>(path);
        TreeItem<String> leaf = item;
        for (String p = Paths.parent(path); p != null; p = Paths.parent(p)) {
            TreeItem<String> parent = new TreeItem<>(p);
            parent.getChildren().add(item);
            item = parent;
        }
        return leaf;
    }
}
