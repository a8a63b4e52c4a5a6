package dev.rehome.jdbc.fence;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Secret;
import dev.rehome.core.UnreachableException;
import dev.rehome.jdbc.PgConnector;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The source fence, end to end. In order, for a cutover:
 * <ol>
 *   <li>{@link #inspect} the credentials at hand and {@link FencePlanner#choose} a plan (preflight: a
 *       {@link FencePlan.Refuse} is exit 3 with nothing changed);</li>
 *   <li>{@link FenceHandle#of} the plan, and journal {@link FenceHandle#encode()}; if
 *       {@link FenceHandle#needsFenceSecret()}, store a {@link FenceCredentials#newFenceSecret} in a Secret
 *       first; both before {@link #fence}, so a crash at any point is lifted from durable state;</li>
 *   <li>{@link #fence}; then every copy session, pg_dump included, logs in as {@link #sessionEndpoint};</li>
 *   <li>{@link #witness} right after the fence and again after the copy; {@link WriteWitness#compare};</li>
 *   <li>on rollback, {@link #lift}: from the journal's handle and the Secrets alone, repeatable.</li>
 * </ol>
 * Thread-safe; holds no state between calls.
 */
public final class SourceFence {
    private final FenceSessions sessions;
    private final FenceApplier applier;
    private final FenceLifter lifter;
    private final FenceProbe probe;
    private final WriteWitnessReader witnesses;

    public SourceFence(PgConnector connector, Clock clock) {
        this.sessions = new FenceSessions(Objects.requireNonNull(connector, "connector"));
        this.applier = new FenceApplier(sessions, new SessionSweeper(Objects.requireNonNull(clock, "clock")));
        this.lifter = new FenceLifter(sessions);
        this.probe = new FenceProbe(sessions);
        this.witnesses = new WriteWitnessReader(clock);
    }

    public SourceFence(Clock clock) {
        this(new PgConnector("rehome-fence"), clock);
    }

    /** The facts for {@link FencePlanner#choose}; changes nothing. {@code creds.fenceSecret()} is not used. */
    public CredentialShape inspect(FenceCredentials creds, String appRole) {
        return new CredentialShapeReader(sessions).read(creds, appRole);
    }

    /**
     * Applies the fence, then proves it: no session of the app or any other client left in the database, the
     * app's login refused, rehome's session login accepted. If any of that fails the fence is lifted again and
     * {@link OperationFailedException} says why and what the lift did.
     */
    public void fence(FenceHandle handle, FenceCredentials creds) {
        List<String> problems;
        try {
            applier.apply(handle, creds);
            problems = probe.problems(handle, creds, sessionLogin(handle, creds));
        } catch (RuntimeException e) {
            LiftReport lifted = lifter.lift(handle, creds);
            throw new OperationFailedException(e.getMessage() + "; the fence was lifted again: " + lifted.outcomes(), e);
        }
        if (!problems.isEmpty()) {
            LiftReport lifted = lifter.lift(handle, creds);
            throw new OperationFailedException("the source fence does not hold: " + String.join("; ", problems)
                    + "; it was lifted again: " + lifted.outcomes());
        }
    }

    /** Undoes every action of {@code handle}, trying each whatever failed before; safe to repeat. */
    public LiftReport lift(FenceHandle handle, FenceCredentials creds) {
        return lifter.lift(handle, creds);
    }

    /** Where rehome's own sessions (copy, pg_dump, witness, verification) log in while the fence holds. */
    public DatabaseEndpoint sessionEndpoint(FenceHandle handle, FenceCredentials creds) {
        FenceSessions.Login login = sessionLogin(handle, creds);
        return creds.endpoint(handle.database(), login.role(), login.password());
    }

    /** A {@link WriteWitness} read through rehome's session login in the fenced database. */
    public WriteWitness witness(FenceHandle handle, FenceCredentials creds) {
        try (FenceSessions.Session s = sessions.open(creds, handle.database(), sessionLogin(handle, creds))) {
            return witnesses.read(s.connection());
        } catch (SQLException e) {
            throw new UnreachableException("cannot read the write witness: " + FenceSql.reason(e), e);
        }
    }

    private static FenceSessions.Login sessionLogin(FenceHandle handle, FenceCredentials creds) {
        if (handle.sessionUsesFenceSecret()) {
            return new FenceSessions.Login(handle.sessionRole(), creds.fenceSecret(), "with the fence secret");
        }
        FenceLogin held = creds.login(handle.sessionRole()).orElseThrow(() -> new UnreachableException(
                "rehome's session login '" + handle.sessionRole() + "' was not given"));
        Secret password = held.password();
        return new FenceSessions.Login(held.role(), password, held.origin());
    }
}
