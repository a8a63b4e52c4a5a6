package dev.rehome.kubectl.provision;

import dev.rehome.core.Identifiers;
import dev.rehome.core.RefusedException;
import dev.rehome.kubectl.Fields;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses to provision over anything rehome did not create for this plan: a role or database of that name in
 * PostgreSQL without the {@code rehome:<plan>} comment, a {@code managed.roles} entry, {@code DatabaseRole} or
 * {@code Database} CR for the name without the marker, or Secrets of the names it would write without its
 * label. Read-only, so it doubles as the preflight check.
 */
final class ForeignObjectCheck {
    private final KubernetesClient client;
    private final SqlConsole sql;

    ForeignObjectCheck(KubernetesClient client, SqlConsole sql) {
        this.client = client;
        this.sql = sql;
    }

    void refuseForeign(ProvisionRequest r, GenericKubernetesResource cluster) {
        String marker = r.marker();
        Fields.maps(cluster, "spec", "managed", "roles").stream().filter(m -> r.role().equals(m.get("name")))
                .filter(m -> !marker.equals(m.get("comment"))).findFirst().ifPresent(m -> refuse(
                        "role '" + r.role() + "' is already declared in spec.managed.roles of Cluster " + r.cluster()
                                + " (comment '" + m.get("comment") + "'), not by this rehome plan"));
        for (GenericKubernetesResource db : list(r, CnpgKinds.DATABASE)) {
            if (r.database().equals(Fields.string(db, "spec", "name").orElse(""))
                    && r.cluster().name().equals(Fields.string(db, "spec", "cluster", "name").orElse(""))
                    && !ours(db, r)) {
                refuse("database '" + r.database() + "' is already managed by Database " + r.cluster().namespace() + "/"
                        + db.getMetadata().getName() + ", which rehome did not create");
            }
        }
        for (GenericKubernetesResource role : list(r, CnpgKinds.DATABASE_ROLE)) {
            if (r.role().equals(Fields.string(role, "spec", "name").orElse("")) && !ours(role, r)) {
                refuse("role '" + r.role() + "' is already managed by DatabaseRole " + r.cluster().namespace() + "/"
                        + role.getMetadata().getName() + ", which rehome did not create");
            }
        }
        secretMustBeOursOrAbsent(r.cluster().namespace(), r.roleSecretName(), r);
        secretMustBeOursOrAbsent(r.appSecret().namespace(), r.appSecret().name(), r);
        commentMustBeOurs("role", r.role(), "SELECT pg_catalog.shobj_description(oid, 'pg_authid') FROM pg_catalog.pg_roles"
                + " WHERE rolname = " + Identifiers.literal(r.role()), marker);
        commentMustBeOurs("database", r.database(), "SELECT pg_catalog.shobj_description(oid, 'pg_database') FROM "
                + "pg_catalog.pg_database WHERE datname = " + Identifiers.literal(r.database()), marker);
    }

    /** Whether PostgreSQL has a role or database named so (query returns its comment row). */
    private void commentMustBeOurs(String kind, String name, String query, String marker) {
        List<List<String>> rows = sql.query("postgres", query);
        if (!rows.isEmpty()) {
            String comment = rows.get(0).get(0);
            if (!marker.equals(comment)) {
                refuse(kind + " '" + name + "' already exists in PostgreSQL (" + sql.where() + ") and was not created by "
                        + "this rehome plan (comment: " + (comment == null ? "none" : "'" + comment + "'")
                        + "); choose another name or drop it yourself");
            }
        }
    }

    private void secretMustBeOursOrAbsent(String namespace, String name, ProvisionRequest r) {
        var secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret != null && !ours(secret, r)) {
            refuse("Secret " + namespace + "/" + name + " exists and was not created by this rehome plan; "
                    + "choose another Secret name or remove it");
        }
    }

    static boolean ours(HasMetadata object, ProvisionRequest r) {
        Map<String, String> labels = Optional.ofNullable(object.getMetadata().getLabels()).orElse(Map.of());
        return r.planId().equals(labels.get(Provisioner.PLAN_LABEL));
    }

    private List<GenericKubernetesResource> list(ProvisionRequest r, io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind) {
        try {
            return CnpgKinds.of(client, kind).inNamespace(r.cluster().namespace()).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    private static void refuse(String message) {
        throw new RefusedException(message);
    }
}
