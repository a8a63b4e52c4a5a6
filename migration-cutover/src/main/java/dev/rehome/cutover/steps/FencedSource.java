package dev.rehome.cutover.steps;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.RefusedException;
import dev.rehome.core.Secret;
import dev.rehome.core.StepContext;
import dev.rehome.core.cutover.SourceLogin;
import dev.rehome.jdbc.fence.FenceCredentials;
import dev.rehome.jdbc.fence.FenceHandle;
import dev.rehome.jdbc.fence.FenceLogin;
import dev.rehome.jdbc.fence.FencePlan;
import dev.rehome.jdbc.fence.FencePlanner;
import dev.rehome.jdbc.fence.LiftReport;
import dev.rehome.jdbc.fence.SourceFence;
import dev.rehome.kubectl.KubeNames;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The source as the cutover reaches it, fenced with what the credentials at hand allow (dev.rehome.jdbc.fence):
 * before the fence, rehome logs in as the source admin; once fenced, as the session login the fence leaves it
 * (a short-lived migration role, a superuser, the owner, or the app role with a rotated password). The fence's
 * handle is journaled and its secret stored in a Secret before anything is applied, so any later process can lift
 * it or work under it.
 */
public final class FencedSource {
    /** Journal fact: the {@link FenceHandle} text (no secret in it); empty once the fence was lifted. */
    static final String HANDLE = "source.fence.handle";
    private static final String SECRET_KEY = "password";

    private final Cutover cutover;
    private final SourceFence fence;

    public FencedSource(Cutover cutover, Clock clock) {
        this.cutover = Objects.requireNonNull(cutover, "cutover");
        this.fence = new SourceFence(Objects.requireNonNull(clock, "clock"));
    }

    /** The fence the held logins allow, or the refusal naming what to provide; reads only. */
    public FencePlan plan() {
        return FencePlanner.choose(fence.inspect(credentials(Secret.empty()), appRole()));
    }

    /**
     * Chooses, journals and applies the fence, and proves it holds; a fence that cannot be applied or proven is
     * lifted again before this throws. Refuses when the logins allow no safe fence.
     */
    public void apply(StepContext ctx) {
        FenceHandle handle;
        Secret secret = Secret.empty();
        Optional<String> journaled = ctx.fact(HANDLE).filter(h -> !h.isEmpty());
        if (journaled.isPresent()) {
            // A crash after journaling: apply the same fence again (every action is repeatable).
            handle = FenceHandle.decode(journaled.get());
            if (handle.needsFenceSecret()) {
                secret = storedSecret().orElseThrow(() -> new OperationFailedException("the fence journaled by an"
                        + " earlier run needs its secret, but Secret " + cutover.config().source().namespace() + "/"
                        + secretName() + " is gone; run rollback, or restore that Secret"));
            }
        } else {
            FencePlan plan = plan();
            if (plan instanceof FencePlan.Refuse refuse) {
                throw new RefusedException("no safe fence for the source: " + refuse.message());
            }
            handle = FenceHandle.of((FencePlan.Fence) plan, runId());
            if (handle.needsFenceSecret()) {
                secret = FenceCredentials.newFenceSecret(new SecureRandom());
                cutover.ports().secrets().put(cutover.config().source().namespace(), secretName(),
                        Map.of(SECRET_KEY, secret));
            }
            ctx.putFact(HANDLE, handle.encode());
            ctx.listener().onNotice("fence: " + ((FencePlan.Fence) plan).why());
        }
        fence.fence(handle, credentials(secret));
    }

    /** Where rehome's sessions log in now: the fence's session login once a fence is journaled, else the admin. */
    public DatabaseEndpoint session(Map<String, String> facts) {
        if (!fenced(facts)) {
            return cutover.source();
        }
        FenceHandle handle = FenceHandle.decode(facts.get(HANDLE));
        return fence.sessionEndpoint(handle, credentials(storedSecret().orElse(Secret.empty())));
    }

    /** Whether the journal shows a fence in place (applied, or being applied, and not lifted since). */
    public static boolean fenced(Map<String, String> facts) {
        String text = facts.get(HANDLE);
        return text != null && !text.isEmpty();
    }

    /**
     * Lifts the journaled fence (every action, whatever failed before; safe to repeat) and, once nothing is left
     * undone, journals it as lifted and forgets its secret. Without a journaled fence there is nothing to lift.
     */
    public LiftReport lift(StepContext ctx) {
        if (!fenced(ctx.facts())) {
            return new LiftReport(List.of());
        }
        LiftReport report = fence.lift(FenceHandle.decode(ctx.requireFact(HANDLE)),
                credentials(storedSecret().orElse(Secret.empty())));
        if (report.complete()) {
            ctx.putFact(HANDLE, "");
            cutover.ports().secrets().delete(cutover.config().source().namespace(), secretName());
        }
        return report;
    }

    /** The fence's actions for a plan (those journaled, once a run fenced the source), or the refusal; reads only. */
    public List<String> describe(Map<String, String> facts) {
        if (fenced(facts)) {
            return FenceHandle.decode(facts.get(HANDLE)).describe().stream().map(a -> "in place: " + a).toList();
        }
        FencePlan plan = plan();
        if (plan instanceof FencePlan.Refuse refuse) {
            return List.of("refused: " + refuse.message());
        }
        return FenceHandle.of((FencePlan.Fence) plan, "<run>").describe();
    }

    /** The Secret (in the source's namespace) that holds the fence secret while the fence may need it. */
    public String secretName() {
        return KubeNames.derived("rehome-fence-", cutover.config().source().database());
    }

    private String appRole() {
        return cutover.ports().databases().sourceAppRole();
    }

    private Optional<Secret> storedSecret() {
        return cutover.ports().secrets().read(cutover.config().source().namespace(), secretName())
                .map(data -> data.get(SECRET_KEY));
    }

    private FenceCredentials credentials(Secret fenceSecret) {
        List<FenceLogin> logins = cutover.ports().databases().sourceLogins().stream()
                .map(FencedSource::login).toList();
        return new FenceCredentials(cutover.source(), logins, fenceSecret);
    }

    private static FenceLogin login(SourceLogin l) {
        return new FenceLogin(l.role(), l.password(), l.origin());
    }

    private static String runId() {
        byte[] id = new byte[6];
        new SecureRandom().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
