package dev.rehome.cutover.fleet;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.InMemoryJournal;
import dev.rehome.core.Secret;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.core.cutover.CutoverPorts;
import dev.rehome.core.cutover.EngineCatalog;
import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.cutover.steps.SqlProvisioner;
import dev.rehome.sandbox.InMemoryCluster;
import dev.rehome.sandbox.LocalDatabases;
import dev.rehome.sandbox.LocalLock;
import dev.rehome.sandbox.SeededCluster;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * mcd-tracker's cutover over the in-memory cluster, for the tests of the fleet's step wrappers: its config, ports
 * that reach no database, and a stand-in for the basketball re-point the wrappers wrap.
 */
final class McdTrackerFixture {
    static final String NS = "mcd-tracker";
    static final String SECRET = "mcd-tracker-db-pal-e-postgres";
    static final WorkloadRef APP = new WorkloadRef(NS, "mcd-tracker");

    private McdTrackerFixture() {
    }

    static CutoverConfig config() {
        CutoverConfig d = SeededCluster.config();
        return new CutoverConfig(new CutoverConfig.Source(NS, "postgres", "postgres", "postgres", "postgres-data",
                "mcd_tracker"), new CutoverConfig.App(NS, "mcd-tracker", "mcd-tracker", "DATABASE_HOST", SECRET, "host", ""),
                new CutoverConfig.Target("postgres", "pal-e-postgres", "mcd_tracker", "mcd_tracker"), List.of(),
                d.gitops(), d.retire(), d.deadlines());
    }

    static CutoverPorts ports(InMemoryCluster cluster, Clock clock) {
        DatabaseEndpoint nowhere = DatabaseEndpoint.of("127.0.0.1", 1, "postgres", "postgres", Secret.empty());
        LocalDatabases databases = new LocalDatabases(nowhere, "mcd", nowhere);
        return new CutoverPorts(cluster, cluster, cluster, cluster, cluster, databases, new SqlProvisioner(databases),
                new LocalLock(clock), new EngineCatalog(Map.of()), (s, t) -> VerificationReport.ofFindings("none", List.of()),
                (url, deadline) -> { }, new InMemoryJournal());
    }

    /** Does what the basketball re-point does to the cluster: the Secret with the URL, the host var pointed at it. */
    static Step repoint(InMemoryCluster cluster) {
        return new Step() {
            @Override
            public String id() {
                return "repoint";
            }

            @Override
            public String title() {
                return "re-point";
            }

            @Override
            public void run(StepContext ctx) {
                if (ctx.fact("app.env.before").isEmpty()) {
                    ctx.putFact("app.env.before", cluster.captureEnv(APP, "mcd-tracker", "DATABASE_HOST"));
                }
                cluster.put(NS, SECRET, Map.of("host", Secret.of(
                        "postgresql://mcd_tracker:pw@pal-e-postgres-rw.postgres.svc.cluster.local:5432/mcd_tracker"),
                        "username", Secret.of("mcd_tracker"), "password", Secret.of("pw")));
                cluster.pointEnvAtSecret(APP, "mcd-tracker", "DATABASE_HOST", SECRET, "host");
            }

            @Override
            public boolean pointOfNoReturn() {
                return true;
            }

            @Override
            public void undo(StepContext ctx) {
                cluster.restoreEnv(APP, "mcd-tracker", "DATABASE_HOST", ctx.requireFact("app.env.before"));
                cluster.delete(NS, SECRET);
            }
        };
    }
}
