package dev.rehome.kubectl.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.tls.TlsMode;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.tls.TargetTls;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DumpRestoreJobManifestTest {
    /** As {@code LiveEngines} hands them over: the target by the FQDN apps use, the TLS from the cluster's names. */
    private static final String TARGET_FQDN = "pal-e-postgres-rw.postgres.svc.cluster.local";
    private static final JobTls VERIFY_FULL = TargetTls.forJobs(TlsMode.VERIFY_FULL,
            new NamespacedName("postgres", "pal-e-postgres"), "pal-e-postgres-rw");
    private static final DumpRestoreJobSpec SPEC = spec(VERIFY_FULL);

    private static DumpRestoreJobSpec spec(JobTls tls) {
        return new DumpRestoreJobSpec("postgres", "rehome-copy-basketball", "ghcr.io/cloudnative-pg/postgresql:17.6",
                new JobDatabase("postgres.basketball-api.svc", 5432, "basketball", "basketball", new SecretKeyRef("copy-creds", "source-password")),
                new JobDatabase(TARGET_FQDN, 5432, "basketball", "basketball", new SecretKeyRef("copy-creds", "target-password")),
                tls, Optional.of("basketball"), Duration.ofHours(2), Duration.ofHours(1));
    }

    private static JobTls tls(TlsMode mode) {
        return TargetTls.forJobs(mode, new NamespacedName("postgres", "pal-e-postgres"), "pal-e-postgres-rw");
    }

    private static Container container(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, String> literals(Job job) {
        Map<String, String> values = new HashMap<>();
        container(job).getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> values.put(e.getName(), e.getValue()));
        return values;
    }

    @ParameterizedTest
    @EnumSource(TlsMode.class)
    void passwordsComeOnlyFromSecretKeyRefsAndNeverTheCommandLine(TlsMode mode) {
        Job job = DumpRestoreJobManifest.build(spec(tls(mode)));
        var env = container(job).getEnv();
        assertThat(env).filteredOn(e -> e.getName().endsWith("_PASSWORD")).hasSize(2).allSatisfy(e -> {
            assertThat(e.getValue()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("copy-creds");
        });
        assertThat(env).filteredOn(e -> e.getValue() == null).extracting(EnvVar::getName)
                .containsExactlyInAnyOrder("SOURCE_PASSWORD", "TARGET_PASSWORD");
        assertThat(env).extracting(EnvVar::getName).contains("SOURCE_HOST", "TARGET_DBNAME");
        // The password reaches each program as its own PGPASSWORD, never as an argument (ps shows arguments).
        assertThat(String.join(" ", container(job).getCommand())).doesNotContain("--password", "password=")
                .contains("PGPASSWORD=\"$SOURCE_PASSWORD\" pg_dump", "PGPASSWORD=\"$TARGET_PASSWORD\" PGSSLMODE=");
    }

    @Test
    void verifyFullMountsOnlyTheClustersCaCertificateReadOnlyAndNamesTheTargetAsItsCertificateDoes() {
        Job job = DumpRestoreJobManifest.build(SPEC);
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).singleElement().satisfies(v -> {
            assertThat(v.getName()).isEqualTo("target-ca");
            assertThat(v.getSecret().getSecretName()).isEqualTo("pal-e-postgres-ca");
            assertThat(v.getSecret().getOptional()).isFalse();
            // CNPG's CA Secret also holds ca.key: only the certificate is projected into the pod
            assertThat(v.getSecret().getItems()).singleElement().satisfies(i -> {
                assertThat(i.getKey()).isEqualTo("ca.crt");
                assertThat(i.getPath()).isEqualTo("ca.crt");
            });
        });
        assertThat(container(job).getVolumeMounts()).singleElement().satisfies(m -> {
            assertThat(m.getName()).isEqualTo("target-ca");
            assertThat(m.getReadOnly()).isTrue();
            assertThat(m.getMountPath()).isEqualTo("/etc/rehome/target-ca");
        });
        assertThat(literals(job)).containsEntry("TARGET_SSLMODE", "verify-full")
                .containsEntry("TARGET_SSLROOTCERT", "/etc/rehome/target-ca/ca.crt")
                .containsEntry("TARGET_HOST", "pal-e-postgres-rw.postgres.svc")
                .containsEntry("SOURCE_HOST", "postgres.basketball-api.svc");
    }

    @Test
    void theTargetsTlsSettingsReachPgRestoreOnlyNeverThePlainSourcesPgDump() {
        Job job = DumpRestoreJobManifest.build(SPEC);
        assertThat(container(job).getEnv()).extracting(EnvVar::getName).noneMatch(n -> n.startsWith("PG"));
        String script = DumpRestoreScript.render(SPEC);
        String dump = script.substring(0, script.indexOf(" | { "));
        String restore = script.substring(script.indexOf(" | { "), script.indexOf("pg_restore "));
        assertThat(dump).contains("pg_dump").doesNotContain("SSL", "TARGET_");
        assertThat(restore).contains("PGSSLMODE=\"$TARGET_SSLMODE\"", "PGSSLROOTCERT=\"$TARGET_SSLROOTCERT\"");
    }

    @Test
    void requireEncryptsWithoutACaAndKeepsTheHostItWasGiven() {
        Job job = DumpRestoreJobManifest.build(spec(tls(TlsMode.REQUIRE)));
        assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).isEmpty();
        assertThat(container(job).getVolumeMounts()).isEmpty();
        assertThat(literals(job)).containsEntry("TARGET_SSLMODE", "require").doesNotContainKey("TARGET_SSLROOTCERT")
                .containsEntry("TARGET_HOST", TARGET_FQDN);
        assertThat(DumpRestoreScript.render(spec(tls(TlsMode.REQUIRE)))).contains("PGSSLMODE=\"$TARGET_SSLMODE\"")
                .doesNotContain("PGSSLROOTCERT");
    }

    @Test
    void disableSaysSoToPgRestoreInsteadOfLeavingLibpqsPreferDefault() {
        Job job = DumpRestoreJobManifest.build(spec(tls(TlsMode.DISABLE)));
        assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).isEmpty();
        assertThat(container(job).getVolumeMounts()).isEmpty();
        assertThat(literals(job)).containsEntry("TARGET_SSLMODE", "disable").doesNotContainKey("TARGET_SSLROOTCERT")
                .containsEntry("TARGET_HOST", TARGET_FQDN);
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
