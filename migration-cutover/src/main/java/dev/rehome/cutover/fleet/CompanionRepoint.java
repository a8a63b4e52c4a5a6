package dev.rehome.cutover.fleet;

import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.cutover.steps.Cutover;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Wraps the re-point step for apps that read the database as separate parts ({@code DATABASE_HOST},
 * {@code DATABASE_USER}, ...) instead of one URL: after the basketball re-point has written the connection
 * Secret and pointed the host var at it, the Secret gets the CNPG-style keys ({@code host}, {@code port},
 * {@code dbname}, {@code username}, {@code password}, {@code uri}) and every companion var is pointed at its key,
 * with its before-image journaled. Undo runs the wrapped undo first (it refuses once the target took writes),
 * then restores the companions.
 */
final class CompanionRepoint extends ExtendedStep {
    static final String FACT_PREFIX = "fleet.env.before.";
    static final Map<String, String> KEYS = Map.of("user", "username", "password", "password", "port", "port",
            "dbname", "dbname");

    private final Cutover cutover;
    private final AppReference app;

    CompanionRepoint(Step repoint, Cutover cutover, AppReference app) {
        super(repoint);
        this.cutover = Objects.requireNonNull(cutover, "cutover");
        this.app = Objects.requireNonNull(app, "app");
    }

    @Override
    public List<String> plannedChanges(StepContext context) {
        CutoverConfig.App a = cutover.config().app();
        List<String> out = new ArrayList<>(wrapped().plannedChanges(context));
        out.add("changes: Secret " + a.namespace() + "/" + a.connectionSecret() + ": then key 'host' holds the host "
                + "alone, and keys port, dbname and uri (the whole URL) are added beside username and password");
        app.companions().forEach((part, var) -> out.add("changes: Deployment " + cutover.app() + " container "
                + a.container() + ": env " + var + " -> valueFrom.secretKeyRef " + a.connectionSecret() + "/"
                + KEYS.get(part) + " (before-image journaled)"));
        return out;
    }

    @Override
    public void run(StepContext ctx) throws Exception {
        wrapped().run(ctx);
        CutoverConfig.App a = cutover.config().app();
        new ConnectionSecretParts(cutover.ports().secrets()).add(a.namespace(), a.connectionSecret(),
                a.connectionSecretKey());
        var workloads = cutover.ports().workloads();
        for (Map.Entry<String, String> c : app.companions().entrySet()) {
            if (ctx.fact(FACT_PREFIX + c.getValue()).isEmpty()) {
                ctx.putFact(FACT_PREFIX + c.getValue(), workloads.captureEnv(cutover.app(), a.container(), c.getValue()));
            }
            workloads.pointEnvAtSecret(cutover.app(), a.container(), c.getValue(), a.connectionSecret(), KEYS.get(c.getKey()));
        }
    }

    @Override
    public void undo(StepContext ctx) throws Exception {
        wrapped().undo(ctx);
        CutoverConfig.App a = cutover.config().app();
        app.companions().values().forEach(var -> ctx.fact(FACT_PREFIX + var).ifPresent(before ->
                cutover.ports().workloads().restoreEnv(cutover.app(), a.container(), var, before)));
    }
}
