package dev.rehome.kubectl.provision;

import dev.rehome.core.Identifiers;
import dev.rehome.core.RefusedException;
import dev.rehome.core.Secret;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import dev.rehome.kubectl.cnpg.CnpgVersion;
import dev.rehome.kubectl.discovery.TargetCluster;
import dev.rehome.kubectl.discovery.TargetDiscovery;
import dev.rehome.kubectl.retry.KubeRetry;
import dev.rehome.kubectl.retry.Poller;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions an app's login role, its database (locale C, owned by the role, CONNECT/TEMP revoked from PUBLIC,
 * commented {@code rehome:<plan>}), the role's basic-auth Secret in the cluster namespace and the connection
 * Secret in the app namespace. Idempotent: a rerun of the same plan finds and reuses all of it (the password
 * too); anything of those names that the plan did not create is refused before any change. The role is always
 * declarative (its password only ever sits in a Secret); the database uses the {@code Database} CR on CNPG 1.25+
 * and {@code CREATE DATABASE} through the primary before. Thread-safe.
 */
public final class Provisioner {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String PLAN_LABEL = "rehome.dev/plan";
    public static final String MARKER_ANNOTATION = "rehome.dev/marker";
    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

    private final KubernetesClient client;
    private final Function<TargetCluster, SqlConsole> consoles;
    private final SecureRandom random;
    private final Poller poller;
    private final KubeRetry retry;
    private final Duration reconcileTimeout;

    /**
     * @param consoles         opens a SQL console on a cluster's primary (psql through pod exec in production)
     * @param reconcileTimeout how long to wait for CNPG to create a declared role or database
     */
    public Provisioner(KubernetesClient client, Function<TargetCluster, SqlConsole> consoles, SecureRandom random,
                       Poller poller, KubeRetry retry, Duration reconcileTimeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.consoles = Objects.requireNonNull(consoles, "consoles");
        this.random = Objects.requireNonNull(random, "random");
        this.poller = Objects.requireNonNull(poller, "poller");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.reconcileTimeout = Objects.requireNonNull(reconcileTimeout, "reconcileTimeout");
    }

    /** Read-only preflight: refuses (exit 3) if a role, database, CR or Secret of these names is not this plan's. */
    public void checkNoForeignObjects(ProvisionRequest request) {
        TargetCluster target = healthyTarget(request);
        GenericKubernetesResource cluster = new TargetDiscovery(client, retry).clusterObject(request.cluster());
        new ForeignObjectCheck(client, consoles.apply(target)).refuseForeign(request, cluster);
    }

    /** What {@link #provision} would do, one line per resource or SQL statement, changing nothing. */
    public List<String> plan(ProvisionRequest r) {
        TargetCluster target = healthyTarget(r);
        CnpgVersion version = target.operatorVersion().orElse(CnpgVersion.MANAGED_ROLES);
        String q = Identifiers.quote(r.database());
        List<String> out = new ArrayList<>();
        out.add("Secret " + r.cluster().namespace() + "/" + r.roleSecretName() + " (kubernetes.io/basic-auth, username "
                + r.role() + ", random password, label cnpg.io/reload=true)");
        out.add(version.atLeast(CnpgVersion.DATABASE_ROLE_CR) ? "DatabaseRole " + r.cluster().namespace() + "/"
                + r.cluster().name() + "-" + r.role().replace('_', '-') + " (login, no superuser/createdb/createrole)"
                : "Cluster " + r.cluster() + " spec.managed.roles += " + r.role() + " (login, no superuser/createdb/createrole)");
        out.add(version.atLeast(CnpgVersion.DATABASE_CR) ? "Database " + r.cluster().namespace() + "/"
                + r.databaseObjectName() + " (name " + r.database() + ", owner " + r.role() + ", locale C, reclaim retain)"
                : "SQL: " + createDatabaseSql(r));
        out.add("SQL: COMMENT ON DATABASE " + q + " IS " + Identifiers.literal(r.marker()));
        out.add("SQL: REVOKE CONNECT, TEMPORARY ON DATABASE " + q + " FROM PUBLIC");
        out.add("SQL: GRANT CONNECT, TEMPORARY ON DATABASE " + q + " TO " + Identifiers.quote(r.role()));
        out.add("Secret " + r.appSecret() + " (CNPG key layout, host " + target.writeService() + "."
                + r.cluster().namespace() + ".svc)");
        return out;
    }

    public ProvisionResult provision(ProvisionRequest r) {
        TargetCluster target = healthyTarget(r);
        SqlConsole sql = consoles.apply(target);
        GenericKubernetesResource cluster = new TargetDiscovery(client, retry).clusterObject(r.cluster());
        new ForeignObjectCheck(client, sql).refuseForeign(r, cluster);
        CnpgVersion version = target.operatorVersion().orElse(CnpgVersion.MANAGED_ROLES);
        List<String> actions = new ArrayList<>();

        Secret password = rolePassword(r, actions);
        RoleDeclaration roles = new RoleDeclaration(client);
        boolean roleCr = version.atLeast(CnpgVersion.DATABASE_ROLE_CR);
        actions.add(roleCr ? roles.declareAsDatabaseRole(r) : roles.declareInCluster(r, cluster));
        awaitExists(sql, "role '" + r.role() + "'", "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = "
                + Identifiers.literal(r.role()));

        boolean databaseCr = version.atLeast(CnpgVersion.DATABASE_CR);
        actions.add(databaseCr ? declareDatabase(r) : createDatabase(r, sql));
        awaitExists(sql, "database '" + r.database() + "'", "SELECT 1 FROM pg_catalog.pg_database WHERE datname = "
                + Identifiers.literal(r.database()));
        String q = Identifiers.quote(r.database());
        sql.execute("postgres", "COMMENT ON DATABASE " + q + " IS " + Identifiers.literal(r.marker()));
        sql.execute("postgres", "REVOKE CONNECT, TEMPORARY ON DATABASE " + q + " FROM PUBLIC");
        sql.execute("postgres", "GRANT CONNECT, TEMPORARY ON DATABASE " + q + " TO " + Identifiers.quote(r.role()));
        actions.add("marked database '" + r.database() + "' " + r.marker() + ", revoked CONNECT/TEMPORARY from PUBLIC");

        retry.run(() -> client.secrets().inNamespace(r.appSecret().namespace()).resource(ConnectionSecret.build(r, password))
                .createOr(op -> op.update()));
        actions.add("wrote connection Secret " + r.appSecret());
        LOG.info("Provisioned role '{}' and database '{}' on {}", r.role(), r.database(), r.cluster());
        return new ProvisionResult(r.role(), r.database(), new NamespacedName(r.cluster().namespace(), r.roleSecretName()),
                r.appSecret(), roleCr ? "DatabaseRole" : "managed.roles", databaseCr ? "Database CR" : "SQL", actions);
    }

    private TargetCluster healthyTarget(ProvisionRequest r) {
        TargetCluster target = new TargetDiscovery(client, retry).discover(r.cluster());
        if (!target.healthy()) {
            throw new RefusedException("CNPG Cluster " + r.cluster() + " is not healthy (" + target.phase() + ", "
                    + target.readyInstances() + "/" + target.instances() + " ready); provision when it is");
        }
        return target;
    }

    /** Reuses the password of this plan's Secret on reruns, so the app Secret never diverges from the role. */
    private Secret rolePassword(ProvisionRequest r, List<String> actions) {
        var secrets = client.secrets().inNamespace(r.cluster().namespace());
        var existing = secrets.withName(r.roleSecretName()).get();
        if (existing != null && existing.getData() != null && existing.getData().get("password") != null) {
            actions.add("reused Secret " + r.cluster().namespace() + "/" + r.roleSecretName());
            return Secret.of(new String(Base64.getDecoder().decode(existing.getData().get("password")), StandardCharsets.UTF_8));
        }
        if (existing != null && existing.getStringData() != null && existing.getStringData().get("password") != null) {
            actions.add("reused Secret " + r.cluster().namespace() + "/" + r.roleSecretName());
            return Secret.of(existing.getStringData().get("password"));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        Secret password = Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        Map<String, String> data = new LinkedHashMap<>();
        data.put("username", r.role());
        data.put("password", password.reveal());
        secrets.resource(new SecretBuilder().withNewMetadata().withName(r.roleSecretName())
                .withNamespace(r.cluster().namespace()).addToLabels("cnpg.io/reload", "true")
                .addToLabels(MANAGED_BY, "rehome").addToLabels(PLAN_LABEL, r.planId())
                .addToAnnotations(MARKER_ANNOTATION, r.marker()).endMetadata()
                .withType("kubernetes.io/basic-auth").withStringData(data).build()).create();
        actions.add("created Secret " + r.cluster().namespace() + "/" + r.roleSecretName() + " with a random password");
        return password;
    }

    private String declareDatabase(ProvisionRequest r) {
        var databases = CnpgKinds.of(client, CnpgKinds.DATABASE).inNamespace(r.cluster().namespace());
        if (databases.withName(r.databaseObjectName()).get() != null) {
            return "reused Database " + r.cluster().namespace() + "/" + r.databaseObjectName();
        }
        GenericKubernetesResource db = CnpgKinds.newObject(CnpgKinds.DATABASE, r.cluster().namespace(), r.databaseObjectName());
        db.getMetadata().setLabels(Map.of(MANAGED_BY, "rehome", PLAN_LABEL, r.planId()));
        db.getMetadata().setAnnotations(Map.of(MARKER_ANNOTATION, r.marker()));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("cluster", Map.of("name", r.cluster().name()));
        spec.put("name", r.database());
        spec.put("owner", r.role());
        spec.put("ensure", "present");
        // retain: deleting the CR (or rehome's cleanup of it) never drops the data.
        spec.put("databaseReclaimPolicy", "retain");
        spec.put("template", "template0");
        spec.put("encoding", "UTF8");
        spec.put("locale", "C");
        db.setAdditionalProperty("spec", spec);
        databases.resource(db).create();
        return "created Database " + r.cluster().namespace() + "/" + r.databaseObjectName();
    }

    private String createDatabase(ProvisionRequest r, SqlConsole sql) {
        boolean exists = !sql.query("postgres", "SELECT 1 FROM pg_catalog.pg_database WHERE datname = "
                + Identifiers.literal(r.database())).isEmpty();
        if (exists) {
            return "reused database '" + r.database() + "'";
        }
        sql.execute("postgres", createDatabaseSql(r));
        return "created database '" + r.database() + "' with SQL on " + sql.where();
    }

    static String createDatabaseSql(ProvisionRequest r) {
        return "CREATE DATABASE " + Identifiers.quote(r.database()) + " OWNER " + Identifiers.quote(r.role())
                + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'";
    }

    private void awaitExists(SqlConsole sql, String what, String query) {
        poller.until("CNPG to create " + what, reconcileTimeout,
                () -> sql.query("postgres", query).isEmpty() ? Optional.empty() : Optional.of(Boolean.TRUE));
    }
}
