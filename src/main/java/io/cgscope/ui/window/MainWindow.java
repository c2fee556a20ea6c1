package io.cgscope.ui.window;

import io.cgscope.host.Access;
import io.cgscope.host.CgroupHost;
import io.cgscope.ui.details.DetailsModel;
import io.cgscope.ui.details.DetailsView;
import io.cgscope.ui.editors.Confirmer;
import io.cgscope.ui.editors.EditorsPane;
import io.cgscope.ui.log.EventLogModel;
import io.cgscope.ui.log.EventLogView;
import io.cgscope.ui.log.LogEntry;
import io.cgscope.ui.log.PredictionCheck;
import io.cgscope.ui.tree.CgroupKey;
import io.cgscope.ui.tree.CgroupTreeModel;
import io.cgscope.ui.tree.CgroupTreeView;
import io.cgscope.ui.tree.ReleaseTimer;
import io.cgscope.ui.tree.Row;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The main window's content: toolbar and banner on top, the tree with its legend on the left,
 * the details on the right with the edit panels as one of their tabs, the event log below, the status bar at the bottom. It
 * only composes the feature views and connects their models; each feature lives in its package.
 *
 * <p>Everything shown comes from a {@link CgroupHost}: the tree and the event log from its live
 * source, the details from its files and processes. Every row carries the id of its host, and a
 * view asks {@link #hostOf(Row)} rather than holding a host of its own, so that a second host is a
 * second entry in {@link #hosts} and a second live feed, not a change to any view.
 */
public final class MainWindow extends BorderPane {
    /** The smallest window every part still holds in: the tree, the details' tabs and the status bar's access state. */
    public static final double MIN_WIDTH = 700;
    public static final double MIN_HEIGHT = 450;
    /** The hosts shown, by id: one today. */
    private final Map<String, CgroupHost> hosts = new LinkedHashMap<>();
    private final CgroupTreeModel treeModel;
    private final CgroupTreeView tree;
    private final DetailsModel detailsModel;
    private final DetailsView details;
    private final EventLogModel logModel = new EventLogModel(EventLogModel.DEFAULT_CAPACITY);
    private final EventLogView log;
    private final LiveFeed feed;
    private final TopBar topBar;
    private final EditorsPane editors;
    private final ReadOnlyBanner banner;
    private final Legend legend = new Legend();
    private final StatusLine status;
    private final Executor background;
    private Tab editTab;

    /**
     * @param host       what the window shows; its access decides the banner, the status bar and the panels
     * @param confirmer  asks before risky writes (an alert in the window, a script in tests)
     * @param fx         how work reaches the FX thread ({@code Platform::runLater}; direct in tests)
     * @param background where the source starts and the host's files and processes are read
     */
    public MainWindow(CgroupHost host, Confirmer confirmer, Executor fx, Executor background, ReleaseTimer timer) {
        hosts.put(host.id(), host);
        Access access = host.access();
        treeModel = new CgroupTreeModel(timer);
        tree = new CgroupTreeView(treeModel);
        detailsModel = new DetailsModel(this::hostOf, r -> treeModel.descendants(r.key()), background, fx);
        details = new DetailsView(detailsModel, path -> {
            Row r = tree.selectedRowProperty().get();
            if (r != null) {
                tree.select(r.key().withPath(path));
            }
        });
        log = new EventLogView(logModel);
        this.background = background;
        feed = new LiveFeed(host.id(), host.live(), treeModel, logModel, fx);
        topBar = new TopBar(feed);
        banner = new ReadOnlyBanner(access);
        status = new StatusLine(treeModel, feed, access);
        status.showPredictionCounts(new PredictionCheck(host.id(), logModel, timer, Instant::now).summaryProperty());
        editors = new EditorsPane(confirmer, written -> {
            logModel.add(LogEntry.written(written.host().id(), written.hierarchy(), written.cgroup(), written.logged()));
            feed.resync(); // a write shows at once, whether or not the watcher has reported it yet
        }, fx, background);
        initializeParts();
        layoutParts();
        bindFieldsToModel();
        focusTreeWhenShown();
    }

    /**
     * The tree has the keyboard from the moment the window shows, so the arrows move through the
     * cgroups at once. Left to itself, the scene would give it to the filter field, whose caret
     * then blinks, repainting the window twice a second while nothing else changes.
     */
    private void focusTreeWhenShown() {
        ObservableValue<Boolean> showing = sceneProperty().flatMap(Scene::windowProperty)
                .flatMap(Window::showingProperty).orElse(false);
        showing.addListener((o, was, now) -> {
            if (now) {
                tree.requestFocus();
            }
        });
    }

    /** The host a row belongs to. */
    public CgroupHost hostOf(Row row) {
        CgroupHost host = hosts.get(row.host());
        if (host == null) {
            throw new IllegalArgumentException("no host " + row.host() + " in this window");
        }
        return host;
    }

    private void initializeParts() {
        getStyleClass().add("main-window");
        tree.setId("cgroup-tree");
    }

    private void layoutParts() {
        VBox left = new VBox(tree, legend);
        left.getStyleClass().add("tree-pane");
        VBox.setVgrow(tree, Priority.ALWAYS);
        ScrollPane editorsScroll = new ScrollPane(editors);
        editorsScroll.setFitToWidth(true);
        editorsScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER); // the panels wrap instead
        editorsScroll.getStyleClass().add("editors-scroll");
        // one column of tabs instead of details above a long scroll of panels: it holds at any size
        editTab = details.addTab("Edit", editorsScroll);
        editTab.setId("edit-tab");
        SplitPane middle = new SplitPane(left, details);
        middle.setDividerPositions(0.42);
        SplitPane main = new SplitPane(middle, log);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.79);
        setTop(new VBox(banner, topBar));
        setCenter(main);
        setBottom(status);
    }

    private void bindFieldsToModel() {
        topBar.filterProperty().addListener((o, was, now) -> treeModel.setFilter(now));
        tree.selectedRowProperty().addListener((o, was, now) -> {
            detailsModel.show(now);
            logModel.selectedProperty().set(now == null ? null : now.key());
            showInEditors(now);
        });
        treeModel.updatingProperty().addListener((o, was, updating) -> {
            if (!updating) {
                detailsModel.recount();
            }
        });
        tree.setOnDelete(() -> {
            details.selectTab(editTab); // where the answer shows
            editors.requestRemove();
        });
        tree.setOnEnterLeaf(details::requestFocus);
    }

    private void showInEditors(Row row) {
        editors.show(row == null ? null : hostOf(row), row == null ? null : row.hierarchy(),
                row == null ? null : row.cgroup());
    }

    /**
     * Starts the live feed; call once, on the FX thread. The source starts in the background and
     * the tree fills when its first read is done, so the window can be shown at once.
     *
     * @param onFailure hears, on the FX thread, why the source could not start
     */
    public void start(Consumer<Exception> onFailure) {
        feed.start(background, onFailure);
    }

    /** True once the source's first state is in the tree. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return feed.loadedProperty();
    }

    /**
     * Selects {@code path} in the first hierarchy the tree shows (its top cgroup when null) once
     * the first state is in the tree, so the details never open empty. Call on the FX thread.
     */
    public void selectInFirstHierarchy(String path) {
        if (loadedProperty().get()) {
            selectNow(path);
            return;
        }
        loadedProperty().addListener((o, was, now) -> {
            if (now) {
                selectNow(path);
            }
        });
    }

    private void selectNow(String path) {
        TreeItem<Row> root = treeModel.shownRootProperty().get();
        if (!root.getChildren().isEmpty()) {
            Row top = root.getChildren().get(0).getValue();
            tree.select(top.key().withPath(path != null ? path : top.path()));
        }
    }

    /** Ctrl+F focuses the filter, F5 re-reads everything from the source. */
    public void installShortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), topBar::focusFilter);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), this::refresh);
    }

    /** F5. */
    public void refresh() {
        feed.resync();
        detailsModel.refresh();
    }

    public CgroupTreeView tree() {
        return tree;
    }

    public CgroupTreeModel treeModel() {
        return treeModel;
    }

    public EventLogModel logModel() {
        return logModel;
    }

    /** Brings the edit panels to the front. */
    public void showEditPanels() {
        details.selectTab(editTab);
    }

    public DetailsModel detailsModel() {
        return detailsModel;
    }
}
