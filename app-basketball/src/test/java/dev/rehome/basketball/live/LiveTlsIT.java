package dev.rehome.basketball.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.basketball.live.LiveBasketballWorld.Run;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.tls.TestCa;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalogue case S-2 through the CLI's real-cluster path: the embedded PostgreSQL 17 playing pal-e-postgres runs
 * with {@code ssl=on} and a certificate that CNPG's way names {@code pal-e-postgres-rw.postgres.svc}, issued by a
 * test CA. With that CA in {@code postgres/pal-e-postgres-ca} the default (verify-full, no flag) moves the data
 * through the loopback port-forward; with another CA's certificate there, the run is refused before anything
 * changes, although the server would have taken a plain connection.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveTlsIT {
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dir;
    private TestCa clusterCa;
    private PostgresServer source;
    private PostgresServer target;

    @BeforeAll
    void startServers() {
        clusterCa = TestCa.generate("pal-e-postgres CA", CLOCK);
        source = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
        target = PostgresServers.startTls(17,
                clusterCa.issueServer(TestCa.cnpgServiceNames("pal-e-postgres", "postgres")));
        LiveBasketballWorld.seedSource(source);
    }

    @AfterAll
    void stopServers() {
        if (source != null) {
            source.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void migrateVerifiesTheTargetWithTheClustersCaByDefaultAndMovesTheData() throws Exception {
        try (LiveBasketballWorld world = LiveBasketballWorld.start(source, target, dir, CLOCK)) {
            caSecret(world, clusterCa);
            world.admitApp();

            Run done = run(LiveBasketballWorld.withoutTlsOptOut(world.migrate()));

            assertThat(done.code()).as(done.err() + done.out()).isZero();
            assertThat(done.err()).contains("TLS to the target: verify-full, certificate signed by the CA in Secret "
                    + "postgres/pal-e-postgres-ca and naming pal-e-postgres-rw.postgres.svc");
            assertThat(done.out()).contains("**Result:** moved and verified");
            try (var c = target.connect("basketball"); var s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM public.players")) {
                rs.next();
                assertThat(rs.getLong(1)).isPositive();
            }
        }
    }

    @Test
    void aTargetWhoseCertificateAnotherCaSignedIsRefusedBeforeAnythingChanges() throws Exception {
        LiveBasketballWorld.clearTarget(target);
        Path impostor = java.nio.file.Files.createDirectories(dir.resolve("impostor"));
        try (LiveBasketballWorld world = LiveBasketballWorld.start(source, target, impostor, CLOCK)) {
            caSecret(world, TestCa.generate("someone else's CA", CLOCK));
            world.admitApp();
            int replicas = world.client().apps().deployments().inNamespace("basketball-api").withName("basketball-api")
                    .get().getSpec().getReplicas();

            Run refused = run(LiveBasketballWorld.withoutTlsOptOut(world.migrate()));

            assertThat(refused.code()).as(refused.err() + refused.out()).isEqualTo(3);
            assertThat(refused.out() + refused.err()).contains("TLS verification of", "pal-e-postgres-rw.postgres.svc",
                    "does not fall back", "nothing was changed");
            assertThat(world.client().apps().deployments().inNamespace("basketball-api").withName("basketball-api")
                    .get().getSpec().getReplicas()).as("the app was not scaled").isEqualTo(replicas);
            assertThat(world.client().secrets().inNamespace("postgres").withName("basketball-credentials").get())
                    .as("no role provisioned").isNull();
            try (var c = target.connect("postgres"); var s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_catalog.pg_database WHERE datname = 'basketball'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("nothing written to the target").isZero();
            }
        }
    }

    private static void caSecret(LiveBasketballWorld world, TestCa ca) {
        world.client().secrets().inNamespace("postgres").resource(new SecretBuilder().withNewMetadata()
                .withName("pal-e-postgres-ca").endMetadata().withData(Map.of("ca.crt", Base64.getEncoder()
                        .encodeToString(ca.certificatePem().getBytes(StandardCharsets.US_ASCII)))).build()).create();
    }

    private Run run(String[] args) {
        return LiveBasketballWorld.run(dir, CLOCK, args);
    }
}
