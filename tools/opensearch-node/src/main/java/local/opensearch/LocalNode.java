package local.opensearch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.Configurator;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A real single-node OpenSearch server started from the Maven Central jars,
 * with its modules (netty4 transport/HTTP, analysis-common) loaded as
 * classpath plugins. Development/test use only: loopback, no security plugin.
 *
 * Usage: LocalNode [httpPort] [dataDir]
 * or env OPENSEARCH_PORT / OPENSEARCH_DATA_DIR (args win). Defaults: 9201, ./var/opensearch.
 */
public final class LocalNode {

    private static final List<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);

    /** Node's constructor that accepts classpath plugins is protected. */
    private static final class ClasspathNode extends Node {
        ClasspathNode(Settings settings, Collection<Class<? extends Plugin>> plugins) {
            super(InternalSettingsPreparer.prepareEnvironment(settings, Collections.emptyMap(), null, () -> "local-node"),
                  plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        String port = args.length > 0 ? args[0] : env("OPENSEARCH_PORT", "9201");
        Path data = Paths.get(args.length > 1 ? args[1] : env("OPENSEARCH_DATA_DIR", "var/opensearch")).toAbsolutePath();
        Path home = data.resolve("home");
        Files.createDirectories(home.resolve("config"));
        Files.createDirectories(data.resolve("data"));
        Files.createDirectories(data.resolve("logs"));

        Settings settings = Settings.builder()
            .put("cluster.name", env("OPENSEARCH_CLUSTER_NAME", "local-dev"))
            .put("node.name", "local-node")
            .put("path.home", home.toString())
            .put("path.data", data.resolve("data").toString())
            .put("path.logs", data.resolve("logs").toString())
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", port)
            .put("transport.port", env("OPENSEARCH_TRANSPORT_PORT", "9300-9400"))
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", true)
            .build();

        Logger log = LogManager.getLogger(LocalNode.class);
        Node node = new ClasspathNode(settings, PLUGINS);
        CountDownLatch stopped = new CountDownLatch(1);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutdown signal received, closing node");
            try {
                node.close();
                if (!node.awaitClose(20, TimeUnit.SECONDS)) {
                    log.warn("node did not close within 20s");
                }
            } catch (Exception e) {
                log.error("error while closing node", e);
            } finally {
                stopped.countDown();
                Configurator.shutdown((org.apache.logging.log4j.core.LoggerContext) LogManager.getContext(false));
            }
        }, "local-node-shutdown"));

        node.start();
        // One node: default new indices to 0 replicas so they (and the cluster) are green.
        // MetadataCreateIndexService reads this from the cluster state, not node settings.
        node.client().admin().cluster().prepareUpdateSettings()
            .setPersistentSettings(Settings.builder().put("cluster.default_number_of_replicas",
                Integer.parseInt(env("OPENSEARCH_DEFAULT_REPLICAS", "0"))))
            .get();
        log.info("OpenSearch local node started: http://127.0.0.1:{} data={}", port, data);
        stopped.await();
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
