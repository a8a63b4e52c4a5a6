package dev.rehome.kubectl.provision;

import dev.rehome.kubectl.Fields;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Declares the app role to CNPG: a {@code DatabaseRole} CR on 1.30+ (no write access to the Cluster needed),
 * else an entry appended to the Cluster's {@code spec.managed.roles}. The role logs in, owns nothing cluster
 * wide (no superuser, createdb, createrole, replication, bypassrls), and takes its password from the
 * basic-auth Secret, so the password never appears in SQL.
 */
final class RoleDeclaration {
    private final KubernetesClient client;

    RoleDeclaration(KubernetesClient client) {
        this.client = client;
    }

    static Map<String, Object> roleSpec(ProvisionRequest r) {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("name", r.role());
        role.put("ensure", "present");
        role.put("comment", r.marker());
        role.put("login", true);
        role.put("superuser", false);
        role.put("createdb", false);
        role.put("createrole", false);
        role.put("replication", false);
        role.put("bypassrls", false);
        role.put("inherit", true);
        role.put("connectionLimit", -1);
        role.put("passwordSecret", Map.of("name", r.roleSecretName()));
        return role;
    }

    /** Appends the role to {@code managed.roles} unless present; returns what it did. */
    String declareInCluster(ProvisionRequest r, GenericKubernetesResource cluster) {
        List<Map<String, Object>> roles = Fields.maps(cluster, "spec", "managed", "roles");
        if (roles.stream().anyMatch(m -> r.role().equals(m.get("name")))) {
            return "reused role '" + r.role() + "' in spec.managed.roles of Cluster " + r.cluster();
        }
        // JSON patch appends one entry: a merge patch would replace the whole list and drop roles another tenant
        // added meanwhile. It tests the list as read, not the resourceVersion, which the operator bumps with every
        // status write and which would make the patch fail for no reason.
        List<Map<String, Object>> ops = new ArrayList<>();
        if (!Fields.value(cluster, "spec", "managed", "roles").isEmpty()) {
            ops.add(Map.of("op", "test", "path", "/spec/managed/roles", "value", roles));
        }
        if (Fields.value(cluster, "spec", "managed").isEmpty()) {
            ops.add(Map.of("op", "add", "path", "/spec/managed", "value", Map.of("roles", List.of(roleSpec(r)))));
        } else if (Fields.value(cluster, "spec", "managed", "roles").isEmpty()) {
            ops.add(Map.of("op", "add", "path", "/spec/managed/roles", "value", List.of(roleSpec(r))));
        } else {
            ops.add(Map.of("op", "add", "path", "/spec/managed/roles/-", "value", roleSpec(r)));
        }
        CnpgKinds.of(client, CnpgKinds.CLUSTER).inNamespace(r.cluster().namespace()).withName(r.cluster().name())
                .patch(PatchContext.of(PatchType.JSON), Serialization.asJson(ops));
        return "added role '" + r.role() + "' to spec.managed.roles of Cluster " + r.cluster();
    }

    /** Creates a DatabaseRole CR for the role unless it exists. */
    String declareAsDatabaseRole(ProvisionRequest r) {
        String name = r.cluster().name() + "-" + r.role().replace('_', '-');
        var roles = CnpgKinds.of(client, CnpgKinds.DATABASE_ROLE).inNamespace(r.cluster().namespace());
        if (roles.withName(name).get() != null) {
            return "reused DatabaseRole " + r.cluster().namespace() + "/" + name;
        }
        GenericKubernetesResource role = CnpgKinds.newObject(CnpgKinds.DATABASE_ROLE, r.cluster().namespace(), name);
        role.getMetadata().setLabels(Map.of(Provisioner.MANAGED_BY, "rehome", Provisioner.PLAN_LABEL, r.planId()));
        Map<String, Object> spec = new LinkedHashMap<>(roleSpec(r));
        spec.put("cluster", Map.of("name", r.cluster().name()));
        spec.put("databaseRoleReclaimPolicy", "retain");
        role.setAdditionalProperty("spec", spec);
        roles.resource(role).create();
        return "created DatabaseRole " + r.cluster().namespace() + "/" + name;
    }
}
