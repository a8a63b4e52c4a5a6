package dev.rehome.cutover.steps;

import dev.rehome.core.cutover.GitOpsChange;
import dev.rehome.cutover.gitops.GitOpsEditor;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.RefusedException;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Secret;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The point of no return: writes the connection Secret in the app's namespace and points the app's env var at
 * it. With a deployments checkout (ArgoCD manages the app) the same change is committed on a new branch, and the
 * live Deployment is patched too so the app starts on the new home; until the branch is merged, a self-heal
 * back to the old URL meets the fenced source and fails loudly instead of writing there. Undo is allowed only
 * while the target shows no writes since the cutover.
 */
public final class RepointStep implements Step {
    private final Cutover cutover;
    private final Consumer<GitOpsChange> gitopsSink;

    public RepointStep(Cutover cutover, Consumer<GitOpsChange> gitopsSink) {
        this.cutover = Objects.requireNonNull(cutover, "cutover");
        this.gitopsSink = Objects.requireNonNull(gitopsSink, "gitopsSink");
    }

    @Override
    public String id() {
        return "repoint";
    }

    @Override
    public String title() {
        return "Re-point " + cutover.app() + " at " + cutover.targetLabel() + " (point of no return)";
    }

    @Override
    public List<String> plannedChanges(StepContext context) {
        var a = cutover.config().app();
        List<String> out = new ArrayList<>();
        out.add("changes: Secret " + a.namespace() + "/" + a.connectionSecret() + " key '" + a.connectionSecretKey()
                + "' = " + url(Secret.of("<password>")).replace("%3Cpassword%3E", "<password>"));
        out.add("changes: Deployment " + cutover.app() + " container " + a.container() + ": env " + a.envVar()
                + " -> valueFrom.secretKeyRef " + a.connectionSecret() + "/" + a.connectionSecretKey()
                + " (before-image journaled)");
        cutover.options().gitopsDir().ifPresent(dir -> out.addAll(new GitOpsEditor(dir, cutover.config()).plannedRepoint()));
        out.add("undo: only while the target still equals the fenced source (rows, checksums, sequences): no writes since the cutover");
        return out;
    }

    @Override
    public void run(StepContext ctx) {
        var a = cutover.config().app();
        var workloads = cutover.ports().workloads();
        Secret password = new ProvisionStep(cutover).password();
        cutover.ports().secrets().put(a.namespace(), a.connectionSecret(), Map.of(a.connectionSecretKey(),
                Secret.of(url(password)), "username", Secret.of(cutover.config().target().role()), "password", password));
        if (ctx.fact(Facts.ENV_BEFORE).isEmpty()) {
            ctx.putFact(Facts.ENV_BEFORE, workloads.captureEnv(cutover.app(), a.container(), a.envVar()));
        }
        cutover.options().gitopsDir().ifPresent(dir -> {
            GitOpsChange change = new GitOpsEditor(dir, cutover.config()).repoint();
            ctx.putFact(Facts.GITOPS_BRANCH, change.branch());
            ctx.putFact(Facts.GITOPS_COMMIT, change.commit());
            gitopsSink.accept(change);
            ctx.listener().onNotice("GitOps: committed " + change.files() + " on branch " + change.branch()
                    + " (not pushed): review, push and merge it");
        });
        workloads.pointEnvAtSecret(cutover.app(), a.container(), a.envVar(), a.connectionSecret(), a.connectionSecretKey());
        ctx.putFact(Facts.CUTOVER_AT, ctx.clock().instant().toString());
    }

    /**
     * The source has stayed fenced since the copy, so a target that still equals it (rows, checksums, sequences)
     * has taken no writes. Content, not the statistics counters: those are flushed about once a second and
     * would let a late flush of the copy's own inserts pass for an app write, or hide a fresh one.
     */
    private void refuseIfTargetWasWritten(StepContext ctx) {
        VerificationReport now = cutover.ports().verifier().verify(cutover.source(ctx), cutover.targetAdmin());
        if (!now.passed()) {
            throw new RefusedException("the target '" + cutover.targetLabel() + "' has taken write(s) since the cutover at "
                    + ctx.fact(Facts.CUTOVER_AT).orElse("?") + " (" + now.findings().size() + " difference(s) from the fenced "
                    + "source, first: " + now.findings().get(0).describe() + "); rolling back would lose them, so the app "
                    + "stays on the new home (copy those rows back by hand if you must return)");
        }
    }

    /** The app's URL with the password filled in; it only ever goes into the Secret. */
    String url(Secret password) {
        DatabaseEndpoint e = cutover.ports().databases().appEndpoint(cutover.config().target().role(),
                cutover.config().target().database());
        StringBuilder query = new StringBuilder();
        new TreeMap<>(e.options()).forEach((k, v) -> query.append(query.length() == 0 ? "?" : "&").append(enc(k)).append('=').append(enc(v)));
        return "postgresql://" + enc(e.user()) + ":" + enc(password.reveal()) + "@" + e.host() + ":" + e.port() + "/"
                + enc(e.database()) + query;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public boolean pointOfNoReturn() {
        return true;
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public void undo(StepContext ctx) {
        refuseIfTargetWasWritten(ctx);
        var a = cutover.config().app();
        ctx.fact(Facts.ENV_BEFORE).ifPresent(before ->
                cutover.ports().workloads().restoreEnv(cutover.app(), a.container(), a.envVar(), before));
        cutover.ports().secrets().delete(a.namespace(), a.connectionSecret());
        ctx.fact(Facts.GITOPS_BRANCH).ifPresent(b -> ctx.listener().onNotice(
                "GitOps: do not merge branch " + b + "; delete it with: git branch -D " + b));
    }
}
