package dev.rehome.kubectl.cutover;

import dev.rehome.core.cutover.Secrets;
import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.core.cutover.Workloads;
import dev.rehome.core.RefusedException;
import dev.rehome.core.Secret;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.safety.SafeDeleter;
import dev.rehome.kubectl.workload.EnvValue;
import dev.rehome.kubectl.workload.WorkloadController;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Workloads through backend-kubectl's {@link WorkloadController}. The env before-image is a secret-free token:
 * {@code absent}, {@code secret|NAME|KEY}, or {@code backup|NAME} when the value was a literal (it may hold a
 * password), which is first copied into a backup Secret. Thread-safe.
 */
public final class KubeWorkloads implements Workloads {
    private final KubernetesClient client;
    private final WorkloadController controller;
    private final SafeDeleter deleter;
    private final Secrets secrets;

    public KubeWorkloads(KubernetesClient client, WorkloadController controller, SafeDeleter deleter, Secrets secrets) {
        this.client = Objects.requireNonNull(client, "client");
        this.controller = Objects.requireNonNull(controller, "controller");
        this.deleter = Objects.requireNonNull(deleter, "deleter");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public int replicas(WorkloadRef workload) {
        return controller.replicas(workload.kind(), nn(workload));
    }

    @Override
    public void scale(WorkloadRef workload, int replicas, Duration deadline) {
        if (replicas == 0) {
            controller.scaleToZero(workload.kind(), nn(workload), deadline);
        } else {
            controller.scaleAndAwaitReady(workload.kind(), nn(workload), replicas, deadline);
        }
    }

    @Override
    public Optional<Duration> lastStartup(WorkloadRef workload) {
        return controller.lastStartup(workload.kind(), nn(workload));
    }

    @Override
    public String captureEnv(WorkloadRef workload, String container, String name) {
        Optional<EnvVar> env = controller.env(workload.kind(), nn(workload), container, name);
        if (env.isEmpty()) {
            return "absent";
        }
        EnvVar e = env.get();
        if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
            return "secret|" + e.getValueFrom().getSecretKeyRef().getName() + "|" + e.getValueFrom().getSecretKeyRef().getKey();
        }
        if (e.getValueFrom() != null) {
            throw new RefusedException("env " + name + " of " + workload.describe() + " comes from something other than a Secret or "
                    + "a literal; rehome cannot keep its before-image");
        }
        // A Deployment's name as before kinds existed; other kinds say theirs, so same-named workloads do not clash.
        String kind = workload.kind() == WorkloadRef.Kind.DEPLOYMENT ? "" : workload.kind().label().toLowerCase(Locale.ROOT) + "-";
        String backup = "rehome-backup-" + kind + workload.name() + "-" + name.toLowerCase(Locale.ROOT).replace('_', '-');
        secrets.put(workload.namespace(), backup, Map.of("value", Secret.of(e.getValue() == null ? "" : e.getValue())));
        return "backup|" + backup;
    }

    @Override
    public void forgetEnv(WorkloadRef workload, String captured) {
        String[] p = captured.split("\\|", -1);
        if (p[0].equals("backup")) {
            secrets.delete(workload.namespace(), p[1]);
        }
    }

    @Override
    public void restoreEnv(WorkloadRef workload, String container, String name, String captured) {
        String[] p = captured.split("\\|", -1);
        Optional<EnvVar> before = switch (p[0]) {
            case "absent" -> Optional.empty();
            case "secret" -> Optional.of(new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                    .withName(p[1]).withKey(p[2]).endSecretKeyRef().endValueFrom().build());
            case "backup" -> Optional.of(new EnvVarBuilder().withName(name).withValue(secrets.read(workload.namespace(), p[1])
                    .orElseThrow(() -> new RefusedException("backup Secret " + p[1] + " is gone; cannot restore " + name))
                    .get("value").reveal()).build());
            default -> throw new IllegalArgumentException("not an env before-image: " + p[0]);
        };
        controller.restoreEnv(workload.kind(), nn(workload), container, name, before);
    }

    @Override
    public void pointEnvAtSecret(WorkloadRef workload, String container, String name, String secret, String key) {
        controller.setEnv(workload.kind(), nn(workload), container, name, new EnvValue.FromSecret(secret, key));
    }

    @Override
    public boolean envReadsSecret(WorkloadRef workload, String container, String name, String secret, String key) {
        return controller.env(workload.kind(), nn(workload), container, name).map(EnvVar::getValueFrom)
                .map(v -> v.getSecretKeyRef())
                .filter(ref -> secret.equals(ref.getName()) && key.equals(ref.getKey())).isPresent();
    }

    @Override
    public boolean managedByArgo(WorkloadRef workload) {
        return controller.argoCdTracking(workload.kind(), nn(workload)).isPresent();
    }

    @Override
    public void deleteWorkloadAndService(WorkloadRef workload, String service) {
        var d = client.apps().deployments().inNamespace(workload.namespace()).withName(workload.name()).get();
        if (d != null) {
            deleter.deleteDeployment(workload.namespace(), workload.name(), new SafeDeleter.Expected(
                    "Deployment " + workload, d.getMetadata().getUid(), d.getMetadata().getResourceVersion()));
        }
        var s = client.services().inNamespace(workload.namespace()).withName(service).get();
        if (s != null) {
            deleter.deleteService(workload.namespace(), service, new SafeDeleter.Expected(
                    "Service " + workload.namespace() + "/" + service, s.getMetadata().getUid(), s.getMetadata().getResourceVersion()));
        }
    }

    private static NamespacedName nn(WorkloadRef ref) {
        return new NamespacedName(ref.namespace(), ref.name());
    }
}
