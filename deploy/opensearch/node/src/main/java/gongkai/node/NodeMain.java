package gongkai.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Runs one OpenSearch node in this JVM until the process is told to stop.
 *
 * <p>Usage: {@code java -cp <classpath> gongkai.node.NodeMain HOME [PARENT_PID]}. HOME holds
 * {@code config/opensearch.yml}, written by whoever starts the node (the settings,
 * ports and discovery of a node are all there); data and logs go under HOME unless
 * the file says otherwise. The plugins our index needs are given as classes: there is
 * no plugins folder and no security manager. SIGTERM closes the node cleanly; the
 * tests also kill nodes with SIGKILL, as a crash would. Given PARENT_PID (a test run or a
 * bench), the node also stops when that process is gone, so a killed test run leaves no JVM.
 */
public final class NodeMain {

    /** Node's constructor that takes plugin classes is protected: this opens it. */
    static final class EmbeddedNode extends Node {
        EmbeddedNode(Environment environment, List<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    static final List<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);

    private NodeMain() {}

    /** Exit (running the shutdown hook) once the given process no longer runs. */
    static void watchParent(long pid) {
        Thread watcher = new Thread(() -> {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.exit(0);
        }, "gongkai-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: NodeMain HOME [PARENT_PID]  (HOME/config/opensearch.yml holds the settings)");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Path config = home.resolve("config");
        if (!Files.isRegularFile(config.resolve("opensearch.yml"))) {
            System.err.println(config.resolve("opensearch.yml") + ": no such file");
            System.exit(2);
        }
        Settings base = Settings.builder().put("path.home", home.toString()).build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(base, Map.of(), config, () -> null);
        LogConfigurator.registerErrorListener();
        LogConfigurator.configureWithoutConfig(environment.settings());
        Files.createDirectories(environment.modulesFile());
        Files.createDirectories(environment.pluginsFile());

        Node node = new EmbeddedNode(environment, PLUGINS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "gongkai-node-shutdown"));
        node.start();
        System.out.println("gongkai-node started");
        if (args.length == 2) {
            watchParent(Long.parseLong(args[1]));
        }
        stopped.await();
    }
}
