package dev.rehome.jdbc.fence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.Secret;
import dev.rehome.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The write witness (issue 11 review): it must not pass just because nobody is connected when it is read. A
 * writer that connected, wrote and left between the two readings moves it; so does a {@code nextval} served from
 * the values a sequence logged ahead, which takes no xid; a quiet instance does not.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class WriteWitnessIT {
    private static final AtomicInteger SEQ = new AtomicInteger();

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {15, 16})
    void movesForAWriterThatLeftAndForASequenceAdvancedWithoutAnXidAndStaysQuietOtherwise(int major) throws Exception {
        PostgresServer server = FenceIT.server(major);
        String tag = "w" + major + "-" + SEQ.incrementAndGet();
        FenceFixtures.Fixture f = FenceFixtures.create(server, FenceFixtures.Shape.B_OWNER_APP_AND_SUPERUSER, tag);
        SourceFence fence = new SourceFence(Clock.systemUTC());
        FenceCredentials creds = new FenceCredentials(f.server(), f.held(), Secret.empty());
        FenceHandle observer = new FenceHandle("w", f.database(), f.appRole(), "postgres", "postgres", false, List.of());
        try (Connection app = FenceIT.open(f.appEndpoint()); Statement s = app.createStatement()) {
            s.execute("SELECT nextval('public.ticket')"); // logs 32 values ahead, so the next ones take no xid
        }

        WriteWitness first = fence.witness(observer, creds);
        WriteWitness quiet = fence.witness(observer, creds);
        try (Connection app = FenceIT.open(f.appEndpoint())) {
            FenceIT.insert(app, 1);
        }
        WriteWitness afterWriter = fence.witness(observer, creds);
        try (Connection app = FenceIT.open(f.appEndpoint()); Statement s = app.createStatement()) {
            s.execute("SELECT nextval('public.ticket')");
        }
        WriteWitness afterNextval = fence.witness(observer, creds);

        assertThat(first.compare(quiet)).isInstanceOf(WitnessVerdict.Quiet.class);
        assertThat(quiet.compare(afterWriter)).isInstanceOfSatisfying(WitnessVerdict.Moved.class,
                m -> assertThat(m.evidence()).anyMatch(e -> e.contains("transaction id")));
        assertThat(afterNextval.nextXid()).as("nextval from the logged-ahead values takes no xid")
                .isEqualTo(afterWriter.nextXid());
        assertThat(afterWriter.compare(afterNextval)).isInstanceOfSatisfying(WitnessVerdict.Moved.class,
                m -> assertThat(m.evidence()).containsExactly("sequence public.ticket 1 -> 2"));
    }
}
