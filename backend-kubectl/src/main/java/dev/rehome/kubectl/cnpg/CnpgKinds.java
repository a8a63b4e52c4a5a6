package dev.rehome.kubectl.cnpg;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The CNPG kinds rehome reads or writes. Explicit contexts, because API discovery is not always allowed by RBAC
 * and the mock API server has none.
 */
public final class CnpgKinds {
    public static final String GROUP = "postgresql.cnpg.io";
    public static final String API_VERSION = GROUP + "/v1";

    public static final ResourceDefinitionContext CLUSTER = context("Cluster", "clusters");
    public static final ResourceDefinitionContext BACKUP = context("Backup", "backups");
    public static final ResourceDefinitionContext SCHEDULED_BACKUP = context("ScheduledBackup", "scheduledbackups");
    /** Since CNPG 1.25. */
    public static final ResourceDefinitionContext DATABASE = context("Database", "databases");
    /** Since CNPG 1.30. */
    public static final ResourceDefinitionContext DATABASE_ROLE = context("DatabaseRole", "databaseroles");

    private CnpgKinds() {
    }

    public static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> of(KubernetesClient client, ResourceDefinitionContext kind) {
        return client.genericKubernetesResources(kind);
    }

    /** A new, empty object of {@code kind} with the name and namespace set. */
    public static GenericKubernetesResource newObject(ResourceDefinitionContext kind, String namespace, String name) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion(API_VERSION);
        r.setKind(kind.getKind());
        r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withNamespace(namespace).withName(name).build());
        return r;
    }

    private static ResourceDefinitionContext context(String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(GROUP).withVersion("v1").withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }
}
