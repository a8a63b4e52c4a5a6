package dev.rehome.kubectl.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DumpRestoreJobManifestTest {
    private static final DumpRestoreJobSpec SPEC = new DumpRestoreJobSpec("postgres", "rehome-copy-basketball",
            "ghcr.io/cloudnative-pg/postgresql:17.6",
            new JobDatabase("postgres.basketball-api.svc", 5432, "basketball", "basketball", new SecretKeyRef("copy-creds", "source-password")),
            new JobDatabase("pal-e-postgres-rw.postgres.svc", 5432, "basketball", "basketball", new SecretKeyRef("copy-creds", "target-password")),
            Optional.of("basketball"), Duration.ofHours(2), Duration.ofHours(1));

    @Test
    void passwordsComeOnlyFromSecretKeyRefs() {
        Job job = DumpRestoreJobManifest.build(SPEC);
        var env = job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(env).filteredOn(e -> e.getName().endsWith("_PASSWORD")).hasSize(2).allSatisfy(e -> {
            assertThat(e.getValue()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("copy-creds");
        });
        assertThat(env).extracting(EnvVar::getName).contains("SOURCE_HOST", "TARGET_DBNAME");
    }

    @Test
    void runsOnceWithinADeadlineAndCleansUpAfterItself() {
        Job job = DumpRestoreJobManifest.build(SPEC);
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(7200L);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(3600);
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(job.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(job.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "rehome");
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "rehome");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/cloudnative-pg/postgresql:17.6");
    }

    @Test
    void theScriptNamesNoHostOrDatabaseSoNothingNeedsQuoting() {
        String script = DumpRestoreScript.render(SPEC);
        assertThat(script).doesNotContain("basketball-api.svc").doesNotContain("pal-e-postgres-rw")
                .contains("'--role=basketball'").contains("\"$SOURCE_PASSWORD\"");
        assertThat(Serialization.asYaml(DumpRestoreJobManifest.build(SPEC))).doesNotContainIgnoringCase("password:");
    }

    @Test
    void quotesWordsForTheShell() {
        assertThat(DumpRestoreScript.quote("it's")).isEqualTo("'it'\"'\"'s'");
    }

    @Test
    void readsWhichProgramFailedFromTheLog() {
        assertThat(DumpRestoreScript.failureIn("pg_dump: error: x\nrehome: pg_dump exited 1\n"))
                .contains(new DumpRestoreScript.Failure("pg_dump", 1));
        assertThat(DumpRestoreScript.failureIn("rehome: pg_dump exited 0, pg_restore exited 0\n")).isEmpty();
    }
}
