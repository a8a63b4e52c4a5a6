package dev.rehome.kubectl.cutover;

import dev.rehome.core.cutover.TargetProvisioner;
import dev.rehome.core.CommandFailedException;
import dev.rehome.core.Identifiers;
import dev.rehome.core.RefusedException;
import dev.rehome.core.Secret;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import dev.rehome.kubectl.discovery.TargetCluster;
import dev.rehome.kubectl.discovery.TargetDiscovery;
import dev.rehome.kubectl.provision.ProvisionRequest;
import dev.rehome.kubectl.provision.SqlConsole;
import dev.rehome.kubectl.retry.KubeRetry;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cutover's {@link TargetProvisioner} on a CNPG cluster without superuser access: the role and the database are
 * declared (backend-kubectl's provisioner: {@code managed.roles} or {@code DatabaseRole}, {@code Database} CR),
 * with the password the cutover generated staged first in the role's basic-auth Secret so CNPG sets exactly
 * that one. The few statements only an administrator may run (drop and recreate the database for a clean redo)
 * go through {@code psql} as {@code postgres} in the primary. Rehome's marker is backend-kubectl's
 * {@code rehome:<plan id>}, so the cutover's own marker argument is not used.
 */
public final class CnpgTargetProvisioner implements TargetProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(CnpgTargetProvisioner.class);

    private final KubernetesClient client;
    private final dev.rehome.kubectl.provision.Provisioner declarative;
    private final SqlConsole primary;
    private final NamespacedName cluster;
    private final NamespacedName appSecret;
    private final String planId;

    /** {@code appSecret}: where backend-kubectl writes the CNPG-layout connection Secret for the app. */
    public CnpgTargetProvisioner(KubernetesClient client, dev.rehome.kubectl.provision.Provisioner declarative, SqlConsole primary,
                    NamespacedName cluster, NamespacedName appSecret, String planId) {
        this.client = Objects.requireNonNull(client, "client");
        this.declarative = Objects.requireNonNull(declarative, "declarative");
        this.primary = Objects.requireNonNull(primary, "primary");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
        this.planId = Objects.requireNonNull(planId, "planId");
    }

    @Override
    public boolean foreignObjectsExist(String role, String database, String marker) {
        // The provisioner refuses an unhealthy cluster too; that must not read as "a foreign database exists".
        TargetCluster now = new TargetDiscovery(client, KubeRetry.standard()).discover(cluster);
        if (!now.healthy()) {
            throw new RefusedException("CNPG Cluster " + cluster + " is not healthy (" + now.phase() + ", "
                    + now.readyInstances() + "/" + now.instances() + " ready); rerun when it is");
        }
        try {
            declarative.checkNoForeignObjects(request(role, database));
            return false;
        } catch (RefusedException e) {
            LOG.info("preflight: {}", e.getMessage());
            return true;
        }
    }

    @Override
    public void ensure(String role, Secret password, String database, String marker) {
        ProvisionRequest r = request(role, database);
        stagePassword(r, password);
        declarative.provision(r).actions().forEach(a -> LOG.info("provision: {}", a));
    }

    @Override
    public void recreate(String role, String database, String marker) {
        ProvisionRequest r = request(role, database);
        requireOurs(r);
        String q = Identifiers.quote(database);
        primary.execute("postgres", "DROP DATABASE IF EXISTS " + q + " WITH (FORCE)");
        // CNPG reconciles the Database CR (ensure: present) and may bring it back before we do, even between our
        // check and our CREATE; either way it is new, empty and owned by the role.
        if (!exists(database)) {
            try {
                primary.execute("postgres", "CREATE DATABASE " + q + " OWNER " + Identifiers.quote(role)
                        + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
            } catch (CommandFailedException e) {
                if (!exists(database)) {
                    throw e;
                }
            }
        }
        primary.execute("postgres", "COMMENT ON DATABASE " + q + " IS " + Identifiers.literal(r.marker()));
        primary.execute("postgres", "REVOKE CONNECT, TEMPORARY ON DATABASE " + q + " FROM PUBLIC");
        primary.execute("postgres", "GRANT CONNECT, TEMPORARY ON DATABASE " + q + " TO " + Identifiers.quote(role));
    }

    @Override
    public void drop(String role, String database, String marker) {
        ProvisionRequest r = request(role, database);
        if (exists(database) && !r.marker().equals(comment(database))) {
            return;
        }
        CnpgKinds.of(client, CnpgKinds.DATABASE).inNamespace(cluster.namespace()).withName(r.databaseObjectName()).delete();
        undeclareRole(r);
        primary.execute("postgres", "DROP DATABASE IF EXISTS " + Identifiers.quote(database) + " WITH (FORCE)");
        primary.execute("postgres", "DROP ROLE IF EXISTS " + Identifiers.quote(role));
        client.secrets().inNamespace(cluster.namespace()).withName(r.roleSecretName()).delete();
        client.secrets().inNamespace(appSecret.namespace()).withName(appSecret.name()).delete();
    }

    private ProvisionRequest request(String role, String database) {
        return new ProvisionRequest(cluster, database, role, appSecret, planId);
    }

    /** The role's basic-auth Secret with the cutover's password, labelled so the provisioner reuses it. */
    private void stagePassword(ProvisionRequest r, Secret password) {
        var secret = new SecretBuilder().withNewMetadata().withName(r.roleSecretName()).withNamespace(cluster.namespace())
                .addToLabels("cnpg.io/reload", "true")
                .addToLabels(dev.rehome.kubectl.provision.Provisioner.MANAGED_BY, "rehome")
                .addToLabels(dev.rehome.kubectl.provision.Provisioner.PLAN_LABEL, planId)
                .addToAnnotations(dev.rehome.kubectl.provision.Provisioner.MARKER_ANNOTATION, r.marker()).endMetadata()
                .withType("kubernetes.io/basic-auth")
                .withStringData(Map.of("username", r.role(), "password", password.reveal())).build();
        var existing = client.secrets().inNamespace(cluster.namespace()).withName(r.roleSecretName()).get();
        boolean ours = existing != null && existing.getMetadata().getLabels() != null
                && planId.equals(existing.getMetadata().getLabels().get(dev.rehome.kubectl.provision.Provisioner.PLAN_LABEL));
        // A Secret of another owner stays as it is: the provisioner's foreign-object check refuses it.
        if (existing == null || ours) {
            client.resource(secret).createOr(op -> op.update());
        }
    }

    private void undeclareRole(ProvisionRequest r) {
        var clusters = CnpgKinds.of(client, CnpgKinds.CLUSTER).inNamespace(cluster.namespace()).withName(cluster.name());
        clusters.edit(c -> {
            Object spec = c.getAdditionalProperties().get("spec");
            if (spec instanceof Map<?, ?> s && s.get("managed") instanceof Map<?, ?> managed
                    && managed.get("roles") instanceof List<?> roles) {
                List<Object> kept = new ArrayList<>();
                for (Object role : roles) {
                    boolean ours = role instanceof Map<?, ?> m && r.role().equals(m.get("name"))
                            && r.marker().equals(m.get("comment"));
                    if (!ours) {
                        kept.add(role);
                    }
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> writable = (Map<String, Object>) managed;
                writable.put("roles", kept);
            }
            return c;
        });
    }

    private void requireOurs(ProvisionRequest r) {
        if (exists(r.database()) && !r.marker().equals(comment(r.database()))) {
            throw new RefusedException("database '" + r.database() + "' on " + cluster + " was not created by rehome; "
                    + "choose another target.database in --config, or remove it yourself if it is unused");
        }
    }

    private boolean exists(String database) {
        return !primary.query("postgres", "SELECT 1 FROM pg_catalog.pg_database WHERE datname = "
                + Identifiers.literal(database)).isEmpty();
    }

    private String comment(String database) {
        List<List<String>> rows = primary.query("postgres", "SELECT pg_catalog.shobj_description(oid, 'pg_database') "
                + "FROM pg_catalog.pg_database WHERE datname = " + Identifiers.literal(database));
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }
}
