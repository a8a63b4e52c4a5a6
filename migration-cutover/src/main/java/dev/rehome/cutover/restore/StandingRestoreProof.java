package dev.rehome.cutover.restore;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.RefusedException;
import dev.rehome.core.Secret;
import dev.rehome.core.VerificationReport;
import dev.rehome.jdbc.verify.Verifiers;
import dev.rehome.kubectl.Fields;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.backup.RestoreCheck;
import dev.rehome.kubectl.backup.RestoreProof;
import dev.rehome.kubectl.backup.RestoreProver;
import dev.rehome.kubectl.backup.RestoreRequest;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import dev.rehome.kubectl.portforward.PodPortForward;
import dev.rehome.kubectl.tls.TargetTls;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The restore proof on demand, for any database already living in a CNPG cluster (a schedule can run it: the
 * {@code rehome-fleet prove-restore} command in a CronJob). The newest completed Backup of the cluster (or a named
 * one) is recovered into a scratch cluster by {@link RestoreProver}; the database must come back with the live
 * database's schema (tables, columns, sequences, indexes, constraints), and every table must be readable to its
 * end, its rows counted. Rows are not compared with the live database, which has moved on since the backup; the
 * cutover's own proof compares them exactly against the fenced source. The live database is reached with the
 * prover's TLS mode ({@link RestoreProver#tls()}): under verify-full, checked against the CA in {@code <cluster>-ca}
 * and the name {@code <cluster>-rw.<ns>.svc}, as the scratch cluster is against its own.
 */
public final class StandingRestoreProof {
    private static final int POSTGRES_PORT = 5432;

    private final KubernetesClient client;
    private final RestoreProver prover;

    public StandingRestoreProof(KubernetesClient client, RestoreProver prover) {
        this.client = Objects.requireNonNull(client, "client");
        this.prover = Objects.requireNonNull(prover, "prover");
    }

    /** What to prove: a database of a CNPG cluster, logging in as {@code role} (default: the database's owner). */
    public record Request(NamespacedName cluster, String database, Optional<String> role, Optional<String> backup) {
        public Request {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(backup, "backup");
        }
    }

    /**
     * @throws RefusedException when the cluster, a completed backup, a login for the database or (under
     *                          verify-full) the cluster's CA cannot be found
     */
    public RestoreProof prove(Request request) {
        NamespacedName c = request.cluster();
        GenericKubernetesResource cluster = CnpgKinds.of(client, CnpgKinds.CLUSTER).inNamespace(c.namespace())
                .withName(c.name()).get();
        if (cluster == null) {
            throw new RefusedException("no CNPG Cluster " + c + "; name one with --cluster NAMESPACE/NAME");
        }
        String backup = request.backup().orElseGet(() -> newestCompletedBackup(c));
        String role = request.role().orElseGet(() -> owner(c, request.database()));
        Secret password = password(cluster, c, role);
        String primary = Fields.string(cluster, "status", "currentPrimary").orElseThrow(() -> new RefusedException(
                "CNPG Cluster " + c + " reports no current primary; wait until it is healthy"));
        DatabaseEndpoint login = DatabaseEndpoint.of("localhost", POSTGRES_PORT, request.database(), role, password);
        try (TargetTls tls = TargetTls.open(client, prover.tls(), c, c.name() + "-rw");
             PodPortForward live = PodPortForward.open(client, c.namespace(), primary, POSTGRES_PORT)) {
            return prover.prove(new RestoreRequest(c, backup, login,
                    sameSchemaAndReadable(live.endpoint(login).withOptions(tls.options()))));
        }
    }

    /** Schema equal to the live database's; every table read, its rows counted (a count that differs is no finding). */
    static RestoreCheck sameSchemaAndReadable(DatabaseEndpoint live) {
        return restored -> {
            VerificationReport schema = Verifiers.schemaInventory().verify(live, restored);
            VerificationReport counts = Verifiers.rowCounts().verify(live, restored);
            return schema.merge(new VerificationReport(counts.checks(), counts.tables(), counts.sequences(), List.of()));
        };
    }

    private String newestCompletedBackup(NamespacedName c) {
        return CnpgKinds.of(client, CnpgKinds.BACKUP).inNamespace(c.namespace()).list().getItems().stream()
                .filter(b -> Fields.string(b, "spec", "cluster", "name").filter(c.name()::equals).isPresent())
                .filter(b -> Fields.string(b, "status", "phase").filter("completed"::equals).isPresent())
                .max(Comparator.comparing(b -> Fields.string(b, "status", "stoppedAt").orElse("")))
                .map(b -> b.getMetadata().getName())
                .orElseThrow(() -> new RefusedException("CNPG Cluster " + c + " has no completed Backup to restore;"
                        + " take one (kubectl cnpg backup " + c.name() + " -n " + c.namespace() + ") or wait for"
                        + " its schedule, then run this again"));
    }

    /** The owner the cluster's Database resource declares for {@code database}. */
    private String owner(NamespacedName c, String database) {
        return CnpgKinds.of(client, CnpgKinds.DATABASE).inNamespace(c.namespace()).list().getItems().stream()
                .filter(d -> Fields.string(d, "spec", "cluster", "name").filter(c.name()::equals).isPresent())
                .filter(d -> Fields.string(d, "spec", "name").filter(database::equals).isPresent())
                .findFirst().flatMap(d -> Fields.string(d, "spec", "owner"))
                .orElseThrow(() -> new RefusedException("no CNPG Database declares '" + database + "' in " + c
                        + ", so its owner is unknown; name the role to log in as with --role"));
    }

    /** The password of a role the cluster manages ({@code spec.managed.roles[].passwordSecret}). */
    @SuppressWarnings("unchecked")
    private Secret password(GenericKubernetesResource cluster, NamespacedName c, String role) {
        String secretName = Fields.list(cluster, "spec", "managed", "roles").stream().filter(Map.class::isInstance).map(r -> (Map<String, Object>) r)
                .filter(r -> role.equals(r.get("name")))
                .map(r -> r.get("passwordSecret")).filter(Map.class::isInstance)
                .map(s -> String.valueOf(((Map<String, Object>) s).get("name"))).findFirst()
                .orElseThrow(() -> new RefusedException("role '" + role + "' is not a managed role of " + c
                        + " with a passwordSecret, so rehome has no login for it; pick one with --role"));
        var secret = client.secrets().inNamespace(c.namespace()).withName(secretName).get();
        String encoded = secret == null || secret.getData() == null ? null : secret.getData().get("password");
        if (encoded == null) {
            throw new RefusedException("Secret " + c.namespace() + "/" + secretName + " of role '" + role
                    + "' has no 'password' key");
        }
        return Secret.of(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    }
}
