package dev.rehome.kubectl.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.UnreachableException;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.LocalCommandRunner;
import dev.rehome.core.spi.RunningCommand;
import dev.rehome.core.tls.TlsMode;
import dev.rehome.core.tls.TlsOptions;
import dev.rehome.jdbc.PgConnector;
import dev.rehome.jdbc.tls.TlsProbe;
import dev.rehome.kubectl.MockCluster;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.dump.PgClientCommands;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Base64;
import java.util.Map;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.tls.TestCa;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalogue case S-2 against a real server with {@code ssl=on}: a certificate issued by a test CA for the names
 * CNPG gives {@code pal-e-rw} in {@code pal-e}, reached on 127.0.0.1 as through a port-forward. verify-full must
 * pass for pgjdbc and for libpq's programs when the CA is the cluster's, and fail, without falling back to a
 * plain connection the server would accept, when the CA or the name is another.
 */
@Timeout(120)
class TargetTlsIT {
    private static final java.time.Clock CLOCK = java.time.Clock.systemUTC();
    private static final String SERVICE = "pal-e-rw.pal-e.svc";

    private static TestCa clusterCa;
    private static PostgresServer server;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        clusterCa = TestCa.generate("pal-e CA", CLOCK);
        server = PostgresServers.startTls(PostgresServers.LOCAL_TOOLS_MAJOR,
                clusterCa.issueServer(TestCa.cnpgServiceNames("pal-e", "pal-e")));
        server.execute("postgres", "CREATE TABLE written (x int)");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static DatabaseEndpoint verified(Path ca, String serverName) {
        return server.endpoint("postgres").withOptions(TlsOptions.of(TlsMode.VERIFY_FULL, ca, serverName));
    }

    private static Path clusterCaFile() {
        return clusterCa.writeCertificate(dir.resolve("cluster-ca.crt"));
    }

    @Test
    void jdbcVerifiesTheServiceNameThroughLoopbackAndTalksTls() throws SQLException {
        try (Connection c = new PgConnector().open(verified(clusterCaFile(), SERVICE));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ssl, version FROM pg_catalog.pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertTrue(rs.next());
            assertTrue(rs.getBoolean(1), "the session is encrypted");
            assertEquals("TLSv1.3", rs.getString(2));
        }
    }

    @Test
    void theCaReadFromTheClustersSecretVerifiesTheServerAndTheServiceName() throws SQLException {
        try (MockCluster cluster = MockCluster.empty()) {
            cluster.client().secrets().inNamespace("pal-e").resource(new SecretBuilder().withNewMetadata()
                    .withName("pal-e-ca").endMetadata().withData(Map.of("ca.crt", Base64.getEncoder()
                            .encodeToString(clusterCa.certificatePem().getBytes(StandardCharsets.US_ASCII)))).build())
                    .create();
            try (TargetTls tls = TargetTls.open(cluster.client(), TlsMode.VERIFY_FULL,
                    new NamespacedName("pal-e", "pal-e"), "pal-e-rw");
                 Connection c = new PgConnector().open(server.endpoint("postgres").withOptions(tls.options()));
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT ssl FROM pg_catalog.pg_stat_ssl WHERE pid = pg_backend_pid()")) {
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(1));
            }
        }
    }

    @Test
    void psqlAndPgDumpVerifyTheServiceNameThroughLoopback() throws IOException {
        DatabaseEndpoint target = verified(clusterCaFile(), SERVICE);
        PgClientCommands tools = PgClientCommands.onPath();
        Run query = run(tools.psqlQuery(target, "SELECT ssl FROM pg_catalog.pg_stat_ssl WHERE pid = pg_backend_pid()"));
        assertEquals(0, query.exit(), query.stderr());
        assertEquals("t", query.stdout().replace("\0", "").strip());
        Run dump = run(tools.dumpSchemaSql(target));
        assertEquals(0, dump.exit(), dump.stderr());
        assertTrue(dump.stdout().contains("CREATE TABLE public.written"), "pg_dump read the schema");
    }

    @Test
    void aCertificateFromAnotherCaFailsForJdbcAndForLibpqAndNothingIsWritten() throws IOException {
        Path otherCa = TestCa.generate("someone else's CA", CLOCK).writeCertificate(dir.resolve("other-ca.crt"));
        refusedEverywhere(verified(otherCa, SERVICE), "certificate verify failed");
    }

    @Test
    void aCertificateThatDoesNotNameTheServiceFailsForJdbcAndForLibpqAndNothingIsWritten() throws IOException {
        refusedEverywhere(verified(clusterCaFile(), "other-rw.pal-e.svc"), "does not match host name");
    }

    @Test
    void theProbeThatRunsBeforeAnyChangeNeedsNoLoginAndTellsAVerifiedServerFromAnImpostor() {
        TlsProbe probe = new TlsProbe(new PgConnector());
        assertEquals(java.util.Optional.empty(), probe.failure(verified(clusterCaFile(), SERVICE)),
                "the server proved itself; the unknown probe role was refused only after the handshake");
        Path otherCa = TestCa.generate("someone else's CA", CLOCK).writeCertificate(dir.resolve("probe-other-ca.crt"));
        assertTrue(probe.failure(verified(otherCa, SERVICE)).orElseThrow().startsWith("TLS verification of "));
        assertTrue(probe.failure(verified(clusterCaFile(), "other-rw.pal-e.svc")).orElseThrow()
                .contains("other-rw.pal-e.svc"));
    }

    @Test
    void thePlainConnectionAFallbackWouldUseIsOpenSoTheFailuresAboveAreNotTheServerRefusingPlainText()
            throws SQLException {
        DatabaseEndpoint plain = server.endpoint("postgres").withOptions(TlsOptions.of(TlsMode.DISABLE, null, null));
        try (Connection c = new PgConnector().open(plain); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ssl FROM pg_catalog.pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertTrue(rs.next());
            assertEquals(false, rs.getBoolean(1));
        }
    }

    private static void refusedEverywhere(DatabaseEndpoint target, String libpqReason) throws IOException {
        UnreachableException jdbc = assertThrows(UnreachableException.class, () -> new PgConnector().open(target).close());
        assertTrue(jdbc.getMessage().startsWith("TLS verification of " + target.describe() + " failed"), jdbc.getMessage());
        assertTrue(jdbc.getMessage().contains(target.options().get(TlsOptions.SERVER_NAME)), jdbc.getMessage());
        assertTrue(jdbc.getMessage().contains("does not fall back"), jdbc.getMessage());

        Run psql = run(PgClientCommands.onPath().psqlScript(target), "INSERT INTO written VALUES (1);\n");
        assertNotEquals(0, psql.exit());
        assertTrue(psql.stderr().contains(libpqReason), psql.stderr());
        Run dump = run(PgClientCommands.onPath().dumpSchemaSql(target));
        assertNotEquals(0, dump.exit());
        assertTrue(dump.stderr().contains(libpqReason), dump.stderr());

        try (Connection c = server.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM written")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "nothing reached the target");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private static Run run(CommandSpec spec) throws IOException {
        return run(spec, "");
    }

    private static Run run(CommandSpec spec, String stdin) throws IOException {
        try (RunningCommand c = new LocalCommandRunner().start(spec)) {
            c.stdin().write(stdin.getBytes(StandardCharsets.UTF_8));
            c.stdin().close();
            String out = new String(c.stdout().readAllBytes(), StandardCharsets.UTF_8);
            int exit = c.waitFor(Duration.ofSeconds(60));
            return new Run(exit, out, c.stderrTail());
        }
    }
}
