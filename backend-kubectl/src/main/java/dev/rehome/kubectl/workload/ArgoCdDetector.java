package dev.rehome.kubectl.workload;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Recognises objects ArgoCD tracks: the annotation {@code argocd.argoproj.io/tracking-id} (default since
 * ArgoCD 3.0), or the label {@code app.kubernetes.io/instance} (the older default) when an Application of that
 * name exists. The Application is looked up in the namespaces ArgoCD usually lives in, to learn whether it
 * self-heals. Thread-safe.
 */
public final class ArgoCdDetector {
    public static final String TRACKING_ANNOTATION = "argocd.argoproj.io/tracking-id";
    public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    static final ResourceDefinitionContext APPLICATION = new ResourceDefinitionContext.Builder()
            .withGroup("argoproj.io").withVersion("v1alpha1").withKind("Application").withPlural("applications")
            .withNamespaced(true).build();

    private final KubernetesClient client;
    private final String argoNamespace;

    public ArgoCdDetector(KubernetesClient client, String argoNamespace) {
        this.client = Objects.requireNonNull(client, "client");
        this.argoNamespace = Objects.requireNonNull(argoNamespace, "argoNamespace");
    }

    public Optional<ArgoCdTracking> tracking(HasMetadata object) {
        Map<String, String> annotations = Optional.ofNullable(object.getMetadata().getAnnotations()).orElse(Map.of());
        Map<String, String> labels = Optional.ofNullable(object.getMetadata().getLabels()).orElse(Map.of());
        String trackingId = annotations.get(TRACKING_ANNOTATION);
        if (trackingId != null && !trackingId.isBlank()) {
            String app = trackingId.contains(":") ? trackingId.substring(0, trackingId.indexOf(':')) : trackingId;
            app = app.contains("_") ? app.substring(app.indexOf('_') + 1) : app;
            return Optional.of(new ArgoCdTracking(app, "annotation " + TRACKING_ANNOTATION + "=" + trackingId,
                    application(app).map(ArgoCdDetector::selfHeals)));
        }
        String instance = labels.get(INSTANCE_LABEL);
        if (instance != null) {
            Optional<GenericKubernetesResource> app = application(instance);
            if (app.isPresent()) {
                return Optional.of(new ArgoCdTracking(instance, "label " + INSTANCE_LABEL + "=" + instance
                        + " names Application " + argoNamespace + "/" + instance, Optional.of(selfHeals(app.get()))));
            }
        }
        return Optional.empty();
    }

    private Optional<GenericKubernetesResource> application(String name) {
        try {
            return Optional.ofNullable(client.genericKubernetesResources(APPLICATION).inNamespace(argoNamespace)
                    .withName(name).get());
        } catch (KubernetesClientException e) {
            // 403: no RBAC on Applications; 404: ArgoCD not installed. Either way the annotation alone decides.
            return Optional.empty();
        }
    }

    private static boolean selfHeals(GenericKubernetesResource app) {
        Object heal = null;
        try {
            heal = app.get("spec", "syncPolicy", "automated", "selfHeal");
        } catch (RuntimeException e) {
            return false;
        }
        return Boolean.TRUE.equals(heal) || "true".equals(String.valueOf(heal));
    }
}
