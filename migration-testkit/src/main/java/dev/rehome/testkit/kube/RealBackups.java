package dev.rehome.testkit.kube;

import dev.rehome.testkit.BaseBackup;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.tls.ServerCertificate;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The object store of the fake CNPG operator: for a cluster whose primary is played by an embedded server
 * ({@link FakeCnpgOperator#serveCluster}), each completed Backup is a real {@link BaseBackup} of that server, kept
 * under the Backup's name and the cluster's server name; a Cluster bootstrapped with {@code recovery} gets a fresh
 * server recovered from a copy of the backup it names, which is stopped and deleted with the Cluster.
 */
final class RealBackups implements AutoCloseable {
    /** One base backup in the "object store". */
    record Stored(String namespace, String backupName, String serverName, String backupId, BaseBackup backup) {
    }

    private final Map<String, PostgresServer> served = new ConcurrentHashMap<>();
    private final Map<String, Stored> backups = new ConcurrentHashMap<>();
    private final Map<String, PostgresServer> recovered = new ConcurrentHashMap<>();
    private final Path root;

    RealBackups() {
        try {
            root = Files.createTempDirectory("rehome-fake-object-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void serve(String namespace, String cluster, PostgresServer primary) {
        served.put(namespace + "/" + cluster, Objects.requireNonNull(primary, "primary"));
    }

    boolean serves(String namespace, String cluster) {
        return served.containsKey(namespace + "/" + cluster);
    }

    /** Takes the base backup of {@code cluster}'s server for Backup {@code backupName}. */
    void take(String namespace, String backupName, String cluster, String backupId) {
        PostgresServer primary = served.get(namespace + "/" + cluster);
        Path into = root.resolve(namespace + "-" + backupName);
        backups.put(namespace + "/" + backupName,
                new Stored(namespace, backupName, cluster, backupId, BaseBackup.take(primary, into)));
    }

    /**
     * The backup a recovery Cluster asks for: {@code bootstrap.recovery.backup.name}, or the newest backup (or the
     * {@code recoveryTarget.backupID}) of the server named by the {@code externalClusters} entry its {@code source}
     * points at (plugin {@code serverName}, {@code barmanObjectStore.serverName}, else the entry's name).
     */
    Optional<Stored> find(GenericKubernetesResource cluster) {
        String ns = cluster.getMetadata().getNamespace();
        Object byName = cluster.get("spec", "bootstrap", "recovery", "backup", "name");
        if (byName != null) {
            return Optional.ofNullable(backups.get(ns + "/" + byName));
        }
        Object source = cluster.get("spec", "bootstrap", "recovery", "source");
        Object wantedId = cluster.get("spec", "bootstrap", "recovery", "recoveryTarget", "backupID");
        Object externals = cluster.get("spec", "externalClusters");
        if (source == null || !(externals instanceof List<?> list)) {
            return Optional.empty();
        }
        for (Object entry : list) {
            if (entry instanceof Map<?, ?> external && source.equals(external.get("name"))) {
                String server = serverName(external);
                return backups.values().stream()
                        .filter(b -> b.namespace().equals(ns) && b.serverName().equals(server))
                        .filter(b -> wantedId == null || wantedId.equals(b.backupId()))
                        .max(Comparator.comparing(Stored::backupId));
            }
        }
        return Optional.empty();
    }

    private static String serverName(Map<?, ?> external) {
        for (String holder : List.of("plugin", "barmanObjectStore")) {
            if (external.get(holder) instanceof Map<?, ?> m) {
                Object direct = m.get("serverName");
                if (direct != null) {
                    return direct.toString();
                }
                if (m.get("parameters") instanceof Map<?, ?> p && p.get("serverName") != null) {
                    return p.get("serverName").toString();
                }
            }
        }
        return String.valueOf(external.get("name"));
    }

    /**
     * Starts a server for recovery Cluster {@code namespace/cluster} on a copy of {@code stored}, presenting
     * {@code certificate} (the new cluster's, not the one the backed-up server had), or without TLS.
     */
    PostgresServer recover(String namespace, String cluster, Stored stored, boolean immediate,
                           Optional<ServerCertificate> certificate) {
        Path data = root.resolve(namespace + "-" + cluster + "-pgdata-" + System.nanoTime());
        Path copy = stored.backup().copyTo(data, immediate);
        int major = stored.backup().major();
        PostgresServer server = certificate.map(c -> PostgresServers.startFromTls(major, copy, c))
                .orElseGet(() -> PostgresServers.startFrom(major, copy));
        PostgresServer previous = recovered.put(namespace + "/" + cluster, server);
        if (previous != null) {
            previous.close();
        }
        return server;
    }

    /** Stops and deletes the server of a deleted recovery Cluster; false when it had none. */
    boolean forget(String namespace, String cluster) {
        PostgresServer server = recovered.remove(namespace + "/" + cluster);
        if (server != null) {
            server.close();
        }
        return server != null;
    }

    /** How many recovered servers run (for tests proving cleanup). */
    int recoveredServers() {
        return recovered.size();
    }

    @Override
    public void close() {
        recovered.values().forEach(PostgresServer::close);
        recovered.clear();
        backups.values().forEach(b -> b.backup().delete());
        backups.clear();
        BaseBackup.deleteTree(root);
    }
}
