package dev.rehome.jdbc.fence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Secret;
import dev.rehome.jdbc.PgConnector;
import dev.rehome.jdbc.fence.FenceFixtures.Fixture;
import dev.rehome.jdbc.fence.FenceFixtures.Shape;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fence matrix of issue 11 on real PostgreSQL 15 and 16: for every source shape, a writer that keeps
 * reconnecting and retrying is refused from the moment the fence returns, a session open before it is gone,
 * rehome's new sessions (pg_dump too) work, the write witness stays quiet, a lift from the journal text alone
 * (a new object, as after a crash) restores the app's login and writes, and a second lift changes nothing.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FenceIT {
    static {
        // The fence's own log lines are part of what must never show a password.
        System.setProperty("org.slf4j.simpleLogger.log.dev.rehome.jdbc.fence", "info");
    }

    private static final AtomicInteger SEQ = new AtomicInteger();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalErr;

    static PostgresServer server(int major) {
        return FenceServers.get(major);
    }

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(originalErr, stderr), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (int major : List.of(15, 16)) {
            for (Shape shape : Shape.values()) {
                out.add(Arguments.of(major, shape));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "PG {0}, {1}")
    @MethodSource("cells")
    void fenceHoldsAgainstARetryingWriterRehomeKeepsWorkingAndALiftFromTheJournalRestoresTheApp(int major, Shape shape)
            throws Exception {
        PostgresServer server = server(major);
        String tag = major + "-" + SEQ.incrementAndGet();
        Fixture f = FenceFixtures.create(server, shape, tag);
        RoleState before = RoleState.read(server, f);
        SourceFence fence = new SourceFence(Clock.systemUTC());

        try (WireRecorder wire = new WireRecorder(server.port());
             RetryingWriter writer = new RetryingWriter(f.appEndpoint(), 1);
             Connection prior = open(f.appEndpoint())) {
            // rehome reaches the server only through the recorder: every byte it sends is checked for passwords.
            DatabaseEndpoint viaWire = f.server().withHostPort("127.0.0.1", wire.port());
            FenceCredentials found = new FenceCredentials(viaWire, f.held(), Secret.empty());
            insert(prior, 1_000_000);
            writer.awaitAcks(3);

            CredentialShape facts = fence.inspect(found, f.appRole());
            FencePlan plan = FencePlanner.choose(facts);
            assertThat(plan).as(plan.toString()).isInstanceOf(shape.expected);
            FenceHandle handle = FenceHandle.of((FencePlan.Fence) plan, "it-" + tag);
            String journal = handle.encode();
            Secret fenceSecret = FenceCredentials.newFenceSecret(new SecureRandom());
            FenceCredentials creds = new FenceCredentials(viaWire, f.held(), fenceSecret);

            fence.fence(handle, creds);
            long fencedAt = System.nanoTime();
            WriteWitness quietFrom = fence.witness(handle, creds);

            assertThatThrownBy(() -> insert(prior, 1_000_001)).as("a session open before the fence")
                    .isInstanceOf(SQLException.class);
            DatabaseEndpoint session = fence.sessionEndpoint(handle, creds);
            PgConnector connector = new PgConnector("rehome-copy");
            for (int i = 0; i < 3; i++) {
                try (Connection copy = connector.open(session)) {
                    assertThat(count(copy)).isGreaterThanOrEqualTo(4);
                }
            }
            if (major == PostgresServers.LOCAL_TOOLS_MAJOR) {
                assertThat(pgDump(session)).as("pg_dump as rehome under the fence").isZero();
            }
            writer.awaitAttemptsAfter(fencedAt, 15);
            WriteWitness quietTo = fence.witness(handle, creds);

            assertThat(writer.attempts()).filteredOn(a -> a.startedNanos() > fencedAt)
                    .as("writes begun after the fence").noneMatch(RetryingWriter.Attempt::acked);
            assertThat(quietFrom.compare(quietTo)).isInstanceOf(WitnessVerdict.Quiet.class);

            // As after a crash: a new object, the handle from the journal's text, the logins from their Secrets.
            SourceFence afterCrash = new SourceFence(Clock.systemUTC());
            FenceCredentials fromSecrets = new FenceCredentials(viaWire, f.held(), Secret.of(fenceSecret.reveal()));
            LiftReport lifted = afterCrash.lift(FenceHandle.decode(journal), fromSecrets);
            assertThat(lifted.complete()).as(lifted.toString()).isTrue();
            long liftedAt = System.nanoTime();
            awaitAckAfter(writer, liftedAt);
            assertThat(RoleState.read(server, f)).isEqualTo(before);

            LiftReport again = afterCrash.lift(FenceHandle.decode(journal), fromSecrets);
            assertThat(again.complete()).as(again.toString()).isTrue();
            awaitAckAfter(writer, System.nanoTime());
            assertThat(RoleState.read(server, f)).isEqualTo(before);

            String seen = String.join("\n", journal, plan.toString(), facts.toString(), lifted.toString(),
                    again.toString(), session.toString(), stderr.toString(StandardCharsets.UTF_8), wire.sent());
            assertThat(wire.sent()).as("the recorder saw rehome's SQL").contains("pg_terminate_backend", "pg_stat_activity");
            List<String> secrets = new ArrayList<>(f.passwords());
            secrets.add(fenceSecret.reveal());
            secrets.forEach(pw -> assertThat(seen).doesNotContain(pw));
        }
    }

    /** What the fence may change and the lift must restore, read by the test's own superuser. */
    record RoleState(boolean appCanLogin, boolean appSuperuser, boolean appConnect, boolean publicConnect,
                     long rehomeRoles) {
        static RoleState read(PostgresServer server, Fixture f) throws SQLException {
            try (Connection c = server.connect("postgres");
                 PreparedStatement ps = c.prepareStatement("SELECT r.rolcanlogin, r.rolsuper, "
                         + "has_database_privilege(r.rolname, ?, 'CONNECT'), has_database_privilege('public', ?, 'CONNECT'), "
                         + "(SELECT count(*) FROM pg_roles WHERE rolname LIKE 'rehome\\_%') "
                         + "FROM pg_roles r WHERE r.rolname = ?")) {
                ps.setString(1, f.database());
                ps.setString(2, f.database());
                ps.setString(3, f.appRole());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new RoleState(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                            rs.getLong(5));
                }
            }
        }
    }

    static void awaitAckAfter(RetryingWriter writer, long nanos) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (writer.attempts().stream().noneMatch(a -> a.acked() && a.startedNanos() > nanos)) {
            if (System.nanoTime() > deadline) {
                List<RetryingWriter.Attempt> all = writer.attempts();
                throw new AssertionError("the app cannot write after the lift; last attempt: " + all.get(all.size() - 1));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static Connection open(DatabaseEndpoint endpoint) {
        return new PgConnector("test-app").openRaw(endpoint);
    }

    static void insert(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO public.events (id, note) VALUES (?, 'prior')")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    static long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM public.events");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** pg_dump as rehome runs it: password in the environment only. */
    static int pgDump(DatabaseEndpoint session) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("pg_dump", "-h", session.host(), "-p", String.valueOf(session.port()),
                "-U", session.user(), "-d", session.database(), "-f", "/dev/null");
        pb.environment().put("PGPASSWORD", session.password().reveal());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0) {
            System.err.println("pg_dump: " + out);
        }
        return rc;
    }

    /** Copies what is written to both streams. */
    static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
