package dev.rehome.kubectl.backup;

import dev.rehome.core.Finding;
import dev.rehome.core.MigrationException;
import dev.rehome.core.TableCheck;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.tls.TlsMode;
import dev.rehome.core.tls.TlsOptions;
import dev.rehome.kubectl.Fields;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import dev.rehome.kubectl.portforward.PodPortForward;
import dev.rehome.kubectl.retry.Sleeper;
import dev.rehome.kubectl.tls.TargetTls;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves that a database comes back from a backup: checks the Backup completed, makes sure a scratch cluster fits,
 * recovers the backup into a short-lived one-instance CNPG Cluster ({@link ScratchClusterManifest}), waits for it
 * on the injected clock, reaches its primary through a port-forward, runs the request's {@link RestoreCheck}
 * against the restored database, and removes the scratch cluster and its PVCs whatever happened. Scratch clusters
 * a killed run left for the same database are removed first. Never throws for an outcome: every one is a
 * {@link RestoreProof}.
 *
 * <p>The connection to the scratch cluster uses the {@link TlsMode} of the run (catalogue case S-2). CNPG gives the
 * scratch cluster a CA and a server certificate of its own, so under verify-full it is checked against
 * {@code <scratch>-ca} and {@code <scratch>-rw.<ns>.svc} ({@link TargetTls}), never the shared cluster's, whose
 * CA did not sign it; a scratch cluster that cannot prove itself fails the proof.
 */
public final class RestoreProver {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreProver.class);
    private static final int FINDINGS_SHOWN = 10;

    private final KubernetesClient client;
    private final Clock clock;
    private final ScratchPolicy policy;
    private final ScratchClusters scratch;
    private final TlsMode tls;
    private final SecureRandom random = new SecureRandom();

    /** @param tls how the scratch cluster's server is checked: the mode the run uses for the shared cluster */
    public RestoreProver(KubernetesClient client, Clock clock, Sleeper sleeper, ScratchPolicy policy, TlsMode tls) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.scratch = new ScratchClusters(client, clock, Objects.requireNonNull(sleeper, "sleeper"), policy);
    }

    /** The TLS mode scratch clusters are reached with; a caller reaching the shared cluster itself uses the same. */
    public TlsMode tls() {
        return tls;
    }

    public RestoreProof prove(RestoreRequest request) {
        NamespacedName shared = request.cluster();
        String db = request.database();
        String backupName = request.backupName();
        List<String> leftovers = scratch.removeLeftovers(shared.namespace(), shared.name(), db);
        if (!leftovers.isEmpty()) {
            LOG.info("removed scratch clusters an earlier run left: {}", leftovers);
        }
        var clusters = CnpgKinds.of(client, CnpgKinds.CLUSTER).inNamespace(shared.namespace());
        GenericKubernetesResource cluster = clusters.withName(shared.name()).get();
        if (cluster == null) {
            return RestoreProof.failed(db, backupName, "CNPG Cluster " + shared + " not found");
        }
        GenericKubernetesResource backup = CnpgKinds.of(client, CnpgKinds.BACKUP).inNamespace(shared.namespace())
                .withName(backupName).get();
        Optional<String> unusable = unusable(backup, shared, backupName);
        if (unusable.isPresent()) {
            return RestoreProof.failed(db, backupName, unusable.get());
        }
        String size = Fields.string(cluster, "spec", "storage", "size").orElse("1Gi");
        Optional<String> noRoom = ScratchRoom.refusal(client, shared.namespace(), size,
                Fields.string(cluster, "spec", "storage", "storageClass"), policy.maxStorage());
        if (noRoom.isPresent()) {
            return RestoreProof.skipped(db, backupName, noRoom.get());
        }
        String name = scratchName(db);
        Instant start = clock.instant();
        GenericKubernetesResource created;
        try {
            created = scratch.create(ScratchClusterManifest.build(cluster, backup, name, db, size));
        } catch (KubernetesClientException e) {
            return RestoreProof.failed(db, backupName, "cannot create scratch cluster " + name + ": " + e.getMessage());
        }
        try {
            return restoreAndCheck(request, created, start);
        } finally {
            scratch.remove(shared.namespace(), name, created.getMetadata().getUid());
        }
    }

    private RestoreProof restoreAndCheck(RestoreRequest request, GenericKubernetesResource created, Instant start) {
        String db = request.database();
        String name = created.getMetadata().getName();
        ScratchClusters.Ready ready;
        try {
            ready = scratch.awaitReady(created);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RestoreProof.failed(db, request.backupName(), "interrupted while the scratch cluster recovered");
        }
        double seconds = Duration.between(start, clock.instant()).toMillis() / 1000.0;
        if (ready.primary().isEmpty()) {
            return RestoreProof.failed(db, request.backupName(), name, 0, seconds, ready.status(), List.of());
        }
        String ns = request.cluster().namespace();
        // The login may carry the shared cluster's CA and name (the cutover hands over its target login); the
        // scratch cluster answers with its own, so those are replaced, never kept.
        try (TargetTls scratchTls = TargetTls.open(client, tls, new NamespacedName(ns, name), name + "-rw");
             PodPortForward forward = PodPortForward.open(client, ns, ready.primary().get(), 5432)) {
            VerificationReport report = request.check().check(forward.endpoint(
                    request.login().withoutOptions(TlsOptions.KEYS).withOptions(scratchTls.options())));
            long rows = report.tables().stream().mapToLong(TableCheck::targetRows).sum();
            if (report.passed()) {
                return RestoreProof.passed(db, request.backupName(), name, rows, seconds);
            }
            List<String> findings = report.findings().stream().map(Finding::describe).limit(FINDINGS_SHOWN).toList();
            return RestoreProof.failed(db, request.backupName(), name, rows, seconds, "the restored database differs: "
                    + report.findings().size() + " finding(s)", findings);
        } catch (MigrationException | KubernetesClientException e) {
            return RestoreProof.failed(db, request.backupName(), name, 0, seconds,
                    "the restored database could not be checked: " + e.getMessage(), List.of());
        }
    }

    private static Optional<String> unusable(GenericKubernetesResource backup, NamespacedName shared, String name) {
        if (backup == null) {
            return Optional.of("Backup " + shared.namespace() + "/" + name + " not found");
        }
        String of = Fields.string(backup, "spec", "cluster", "name").orElse("");
        if (!of.equals(shared.name())) {
            return Optional.of("Backup " + name + " is of cluster '" + of + "', not " + shared.name());
        }
        String phase = Fields.string(backup, "status", "phase").orElse("pending");
        if ("completed".equals(phase)) {
            return Optional.empty();
        }
        String error = Fields.string(backup, "status", "error").map(e -> ": " + e).orElse("");
        return Optional.of("Backup " + name + " is " + phase + ", not completed" + error);
    }

    private String scratchName(String database) {
        String slug = database.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        slug = slug.isEmpty() ? "db" : slug.substring(0, Math.min(20, slug.length())).replaceAll("-+$", "");
        byte[] b = new byte[3];
        random.nextBytes(b);
        return "rehome-proof-" + slug + "-" + HexFormat.of().formatHex(b);
    }
}
