package dev.rehome.testkit.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.util.List;

/**
 * The CloudNativePG custom resources ({@code postgresql.cnpg.io/v1}) and the Barman Cloud plugin's ObjectStore,
 * registered in the in-process API with a status subresource as the real CRDs have, so generic-resource calls,
 * API discovery and {@code updateStatus()} behave as on a cluster with the operator installed.
 */
public final class CnpgResources {
    public static final String GROUP = "postgresql.cnpg.io";
    public static final String VERSION = "v1";
    public static final ResourceDefinitionContext CLUSTER = context(GROUP, "Cluster", "clusters");
    public static final ResourceDefinitionContext BACKUP = context(GROUP, "Backup", "backups");
    public static final ResourceDefinitionContext SCHEDULED_BACKUP = context(GROUP, "ScheduledBackup", "scheduledbackups");
    public static final ResourceDefinitionContext DATABASE = context(GROUP, "Database", "databases");
    public static final ResourceDefinitionContext DATABASE_ROLE = context(GROUP, "DatabaseRole", "databaseroles");
    public static final ResourceDefinitionContext POOLER = context(GROUP, "Pooler", "poolers");
    public static final ResourceDefinitionContext OBJECT_STORE = context("barmancloud.cnpg.io", "ObjectStore", "objectstores");

    static final List<ResourceDefinitionContext> ALL =
            List.of(CLUSTER, BACKUP, SCHEDULED_BACKUP, DATABASE, DATABASE_ROLE, POOLER, OBJECT_STORE);

    private CnpgResources() {
    }

    /** Typeless access to one CNPG kind, e.g. {@code CnpgResources.of(client, CnpgResources.BACKUP)}. */
    public static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> of(
            KubernetesClient client, ResourceDefinitionContext kind) {
        return client.genericKubernetesResources(kind);
    }

    static void install(KubernetesClient client) {
        for (ResourceDefinitionContext kind : ALL) {
            client.apiextensions().v1().customResourceDefinitions().resource(definition(kind)).create();
        }
    }

    private static CustomResourceDefinition definition(ResourceDefinitionContext kind) {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(kind.getPlural() + "." + kind.getGroup()).endMetadata()
                .withNewSpec()
                .withGroup(kind.getGroup())
                .withScope("Namespaced")
                .withNewNames()
                .withKind(kind.getKind())
                .withPlural(kind.getPlural())
                .withSingular(kind.getKind().toLowerCase(java.util.Locale.ROOT))
                .withListKind(kind.getKind() + "List")
                .endNames()
                .addNewVersion()
                .withName(kind.getVersion())
                .withServed(true)
                .withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
                .endVersion()
                .endSpec()
                .build();
    }

    private static ResourceDefinitionContext context(String group, String kind, String plural) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(VERSION)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(true)
                .build();
    }
}
