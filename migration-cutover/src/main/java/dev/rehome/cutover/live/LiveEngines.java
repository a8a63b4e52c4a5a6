package dev.rehome.cutover.live;

import dev.rehome.kubectl.cutover.InClusterEndpoints;
import dev.rehome.kubectl.cutover.PodSocketRunner;

import dev.rehome.core.cutover.EngineCatalog;
import dev.rehome.core.CopyEngine;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.CopyResult;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.RefusedException;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.jdbc.JdbcDirectEngine;
import dev.rehome.jdbc.PgConnector;
import dev.rehome.jdbc.copy.PgDumpSchemaDumper;
import dev.rehome.kubectl.discovery.SourceDatabase;
import dev.rehome.kubectl.discovery.TargetCluster;
import dev.rehome.kubectl.exec.ContainerEnvSecretsRunner;
import dev.rehome.kubectl.exec.InClusterCopy;
import dev.rehome.kubectl.exec.JobPlacement;
import dev.rehome.kubectl.exec.JobTls;
import dev.rehome.kubectl.exec.PodExecCommandRunner;
import dev.rehome.kubectl.exec.PodRef;
import dev.rehome.kubectl.exec.StdinSecretsRunner;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The copy engines against a real cluster. {@code dump-restore} (the default) runs {@code pg_dump | pg_restore}
 * in a Job next to the target, with the target's operand image (its pg_dump is never older than the source),
 * so the data never leaves the cluster network; its pg_restore reaches the target with the run's TLS ({@link JobTls}:
 * under verify-full the cluster's CA mounted from its Secret, the Service name the certificate carries as host).
 * {@code jdbc-direct} streams rows through the port-forwards and
 * takes the schema from the pg_dump inside the source pod, which matches the source's major.
 */
final class LiveEngines {
    static final String DUMP_RESTORE = "dump-restore";
    private static final int POSTGRES_PORT = 5432;

    private LiveEngines() {
    }

    static EngineCatalog of(KubernetesClient client, Supplier<SourceDatabase> source, TargetCluster target, Clock clock,
                            JobTls targetTls) {
        Map<String, Supplier<CopyEngine>> engines = new LinkedHashMap<>();
        engines.put(DUMP_RESTORE, () -> inCluster(client, source.get(), target, clock, targetTls));
        engines.put(JdbcDirectEngine.ID, () -> jdbcDirect(client, source.get(), clock));
        return new EngineCatalog(engines);
    }

    private static CopyEngine inCluster(KubernetesClient client, SourceDatabase source, TargetCluster target, Clock clock,
                                        JobTls targetTls) {
        String sourceHost = source.serviceHost().orElseThrow(() -> new RefusedException("no Service serves the source "
                + source.workload() + ", so a Job cannot reach it; use --engine " + JdbcDirectEngine.ID));
        JobPlacement placement = JobPlacement.of(target.cluster().namespace(), target.image(), targetTls);
        return new InClusterEndpoints(new InClusterCopy(client, clock, placement), sourceHost, target.writeHostFqdn(),
                POSTGRES_PORT);
    }

    private static CopyEngine jdbcDirect(KubernetesClient client, SourceDatabase source, Clock clock) {
        String pod = source.pod().orElseThrow(() -> new RefusedException("the source " + source.workload()
                + " has no running pod to run pg_dump in; scale it up and rerun"));
        var inPod = new PodSocketRunner(new PodExecCommandRunner(client,
                new PodRef(source.workload().namespace(), pod, source.container())));
        DatabaseEndpoint containerLogin = source.endpoint("localhost", POSTGRES_PORT);
        return new CopyEngine() {
            @Override
            public String id() {
                return JdbcDirectEngine.ID;
            }

            @Override
            public CopyResult copy(CopyRequest request, MigrationListener listener) {
                // The schema dump runs in the source pod as the run's source login. While that is the container's
                // own login its password comes from the container's env and never leaves this process; under a
                // fence that left rehome another login (a migration role, a rotated password) it goes over stdin.
                DatabaseEndpoint login = containerLogin.withUser(request.source().user())
                        .withPassword(request.source().password());
                boolean containers = login.user().equals(containerLogin.user())
                        && login.password().equals(containerLogin.password());
                // the variable the password was found in: POSTGRES_PASSWORD in the official image, Bitnami's own
                Optional<String> variable = containers ? source.credentials().passwordVariable() : Optional.empty();
                var runner = variable.<CommandRunner>map(v -> new ContainerEnvSecretsRunner(inPod, Map.of("PGPASSWORD", v)))
                        .orElseGet(() -> new StdinSecretsRunner(inPod));
                var dumper = PgDumpSchemaDumper.runningWhere(runner, "pg_dump", login);
                return new JdbcDirectEngine(dumper, new PgConnector("rehome-copy"), clock).copy(request, listener);
            }
        };
    }
}
