package dev.rehome.kubectl.exec;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code batch/v1} Job for a {@link DumpRestoreJobSpec}: one attempt ({@code backoffLimit: 0}, restart
 * {@code Never}), bounded by {@code activeDeadlineSeconds}, cleaned up by {@code ttlSecondsAfterFinished}, labelled
 * as rehome's, non-root with a read-only root filesystem and no service-account token. Passwords enter only as
 * {@code valueFrom.secretKeyRef}, so the Job object, its describe output and audit logs never hold them.
 */
final class DumpRestoreJobManifest {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final Map<String, String> LABELS = Map.of(
            MANAGED_BY, "rehome",
            "app.kubernetes.io/name", "rehome-copy");

    private DumpRestoreJobManifest() {
    }

    static Job build(DumpRestoreJobSpec spec) {
        return new JobBuilder()
                .withNewMetadata().withName(spec.name()).withNamespace(spec.namespace()).withLabels(LABELS).endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(spec.activeDeadline().toSeconds())
                .withTtlSecondsAfterFinished((int) Math.min(Integer.MAX_VALUE, spec.keepAfterFinished().toSeconds()))
                .withNewTemplate()
                .withNewMetadata().withLabels(LABELS).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext().withRunAsNonRoot(true).endSecurityContext()
                .addNewContainer()
                .withName("copy")
                .withImage(spec.image())
                .withCommand("sh", "-c", DumpRestoreScript.render(spec))
                .withEnv(env(spec))
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .endSecurityContext()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static List<EnvVar> env(DumpRestoreJobSpec spec) {
        List<EnvVar> env = new ArrayList<>();
        addDatabase(env, "SOURCE", spec.source());
        addDatabase(env, "TARGET", spec.target());
        return env;
    }

    private static void addDatabase(List<EnvVar> env, String prefix, JobDatabase db) {
        env.add(literal(prefix + "_HOST", db.host()));
        env.add(literal(prefix + "_PORT", Integer.toString(db.port())));
        env.add(literal(prefix + "_USER", db.user()));
        env.add(literal(prefix + "_DBNAME", db.database()));
        env.add(new EnvVarBuilder().withName(prefix + "_PASSWORD")
                .withNewValueFrom().withNewSecretKeyRef(db.password().key(), db.password().secretName(), false)
                .endValueFrom().build());
    }

    private static EnvVar literal(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
