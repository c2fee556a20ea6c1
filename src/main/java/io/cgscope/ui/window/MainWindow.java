package io.cgscope.ui.window;

import io.cgscope.kernel.ProcReader;
import io.cgscope.kernel.Privileges;
import io.cgscope.host.Access;
import io.cgscope.host.CgroupHost;
import io.cgscope.host.LiveSource;
import io.cgscope.local.LocalHost;
import io.cgscope.ui.details.DetailsModel;
import io.cgscope.ui.details.DetailsView;
import io.cgscope.ui.editors.Confirmer;
import io.cgscope.ui.editors.EditorsPane;
import io.cgscope.ui.log.EventLogModel;
import io.cgscope.ui.log.EventLogView;
import io.cgscope.ui.tree.CgroupKey;
import io.cgscope.ui.tree.CgroupTreeModel;
import io.cgscope.ui.tree.CgroupTreeView;
import io.cgscope.ui.tree.ReleaseTimer;
import io.cgscope.ui.tree.Row;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The main window's content: toolbar and banner on top, the tree with its legend on the left,
 * details and edit panels on the right, the event log below, the status bar at the bottom. It
 * only composes the feature views and connects their models; each feature lives in its package.
 */
public final class MainWindow extends BorderPane {
    private final CgroupTreeModel treeModel;
    private final CgroupTreeView tree;
    private final DetailsModel detailsModel;
    private final DetailsView details;
    private final EventLogModel logModel = new EventLogModel(EventLogModel.DEFAULT_CAPACITY);
    private final EventLogView log;
    private final LiveFeed feed;
    private final TopBar topBar;
    private final EditorsPane editors;
    private final CgroupHost host;
    private final ReadOnlyBanner banner;
    private final Legend legend = new Legend();
    private final StatusLine status;
    private final Executor background;

    /**
     * @param privileges   what this process may write: the banner and the edit panels follow it
     * @param confirmer    asks before risky writes (an alert in the window, a script in tests)
     * @param fx           how work reaches the FX thread ({@code Platform::runLater}; direct in tests)
     * @param background   where the source starts and /proc is read for the process table
     */
    public MainWindow(LiveSource source, Privileges privileges, Confirmer confirmer, Executor fx, Executor background,
                      ReleaseTimer timer) {
        this(source, privileges, null, confirmer, fx, background, timer);
    }

    /**
     * @param whyFixtures why nothing shown may be written whatever the privileges (fixture trees),
     *                    or null: then the banner, the status bar and the panels follow the privileges
     */
    public MainWindow(LiveSource source, Privileges privileges, String whyFixtures, Confirmer confirmer, Executor fx,
                      Executor background, ReleaseTimer timer) {
        String whyReadOnly = whyFixtures != null ? whyFixtures : privileges.whyReadOnly();
        treeModel = new CgroupTreeModel(timer);
        tree = new CgroupTreeView(treeModel);
        detailsModel = new DetailsModel(r -> treeModel.descendants(r.key()), ProcReader.system(), background, fx);
        details = new DetailsView(detailsModel, path -> {
            Row r = tree.selectedRowProperty().get();
            if (r != null) {
                tree.select(new CgroupKey(r.key().device(), path));
            }
        });
        log = new EventLogView(logModel);
        this.background = background;
        feed = new LiveFeed(source, treeModel, logModel, fx);
        topBar = new TopBar(feed);
        banner = whyFixtures != null ? ReadOnlyBanner.forFixtures(whyFixtures) : ReadOnlyBanner.forPrivileges(whyReadOnly);
        status = new StatusLine(treeModel, feed, whyReadOnly != null);
        // the host the edit panels write through, until the window is given its host
        host = whyFixtures != null ? LocalHost.fixtures(source, whyFixtures)
                : LocalHost.kernel(source, whyReadOnly == null ? Access.readWrite() : Access.readOnly(whyReadOnly));
        // a write shows at once, whether or not the watcher has reported it yet
        editors = new EditorsPane(confirmer, written -> feed.resync(), fx, background);
        initializeParts();
        layoutParts();
        bindFieldsToModel();
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
        editorsScroll.getStyleClass().add("editors-scroll");
        SplitPane right = new SplitPane(details, editorsScroll);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.55);
        SplitPane middle = new SplitPane(left, right);
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
            editors.show(host, now == null ? null : now.hierarchy(), now == null ? null : now.cgroup());
        });
        tree.setOnDelete(editors::requestRemove);
        tree.setOnEnterLeaf(details::requestFocus);
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

    public DetailsModel detailsModel() {
        return detailsModel;
    }

    public LiveFeed feed() {
        return feed;
    }

    public EditorsPane editors() {
        return editors;
    }

    public TopBar topBar() {
        return topBar;
    }
}
