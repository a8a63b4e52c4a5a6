package dev.rehome.kubectl.exec;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code batch/v1} Job for a {@link DumpRestoreJobSpec}: one attempt ({@code backoffLimit: 0}, restart
 * {@code Never}), bounded by {@code activeDeadlineSeconds}, cleaned up by {@code ttlSecondsAfterFinished}, labelled
 * as rehome's, non-root with a read-only root filesystem and no service-account token. Passwords enter only as
 * {@code valueFrom.secretKeyRef}, so the Job object, its describe output and audit logs never hold them. Under
 * verify-full the target's CA certificate is mounted read-only from the cluster's CA Secret and the target is named
 * by the Service name its certificate carries ({@link JobTls}). The TLS settings are {@code TARGET_*} variables that
 * the script hands to pg_restore alone: as container-wide {@code PGSSLMODE} they would also reach pg_dump, whose
 * standalone source has no TLS.
 */
final class DumpRestoreJobManifest {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String CA_VOLUME = "target-ca";
    /** Read-only for everyone: the pod runs as a non-root user the image picks, and a CA certificate is public. */
    private static final int CA_FILE_MODE = 0444;
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
                .withVolumes(volumes(spec.targetTls()))
                .addNewContainer()
                .withName("copy")
                .withImage(spec.image())
                .withCommand("sh", "-c", DumpRestoreScript.render(spec))
                .withEnv(env(spec))
                .withVolumeMounts(mounts(spec.targetTls()))
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
        addDatabase(env, "SOURCE", spec.source(), spec.source().host());
        JobTls tls = spec.targetTls();
        addDatabase(env, "TARGET", spec.target(), tls.targetHost(spec.target().host()));
        env.add(literal(DumpRestoreScript.TARGET_SSLMODE, tls.mode().sslmode()));
        if (tls.mode().verifies()) {
            env.add(literal(DumpRestoreScript.TARGET_SSLROOTCERT, tls.rootCertPath()));
        }
        return env;
    }

    /** Only {@code ca.crt}: CNPG's CA Secret also holds the CA's private key, which the pod has no business with. */
    private static List<Volume> volumes(JobTls tls) {
        if (!tls.mode().verifies()) {
            return List.of();
        }
        return List.of(new VolumeBuilder().withName(CA_VOLUME).withNewSecret().withSecretName(tls.caSecret())
                .addNewItem().withKey(JobTls.CA_KEY).withPath(JobTls.CA_KEY).endItem()
                .withDefaultMode(CA_FILE_MODE).withOptional(false).endSecret().build());
    }

    private static List<VolumeMount> mounts(JobTls tls) {
        if (!tls.mode().verifies()) {
            return List.of();
        }
        return List.of(new VolumeMountBuilder().withName(CA_VOLUME).withMountPath(JobTls.MOUNT_PATH).withReadOnly(true)
                .build());
    }

    private static void addDatabase(List<EnvVar> env, String prefix, JobDatabase db, String host) {
        env.add(literal(prefix + "_HOST", host));
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
