package dev.rehome.cutover.steps;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.StepContext;
import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.core.cutover.CutoverNames;
import dev.rehome.core.cutover.CutoverPorts;
import dev.rehome.core.cutover.RunOptions;
import dev.rehome.core.cutover.WorkloadRef;
import java.util.Objects;

/** What every step of one cutover shares: the configuration, the ports and the run's options. Immutable. */
public record Cutover(CutoverConfig config, CutoverPorts ports, RunOptions options) {
    public Cutover {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(options, "options");
    }

    public WorkloadRef app() {
        return new WorkloadRef(config.app().namespace(), config.app().deployment());
    }

    public WorkloadRef sourceWorkload() {
        return new WorkloadRef(config.source().namespace(), config.source().deployment());
    }

    /** The comment rehome puts on the databases it creates; nothing without it is ever dropped. */
    public String marker() {
        return "rehome:" + config.planName();
    }

    /** The source as its admin login reaches it: before the fence, and to apply it. */
    public DatabaseEndpoint source() {
        return ports.databases().sourceAdmin();
    }

    /** The source as rehome reaches it at this point of the run: under a journaled fence, its session login. */
    public DatabaseEndpoint source(StepContext ctx) {
        return source(ctx.facts(), ctx.clock());
    }

    /** {@link #source(StepContext)} from a journal's facts, for commands that run outside a step. */
    public DatabaseEndpoint source(java.util.Map<String, String> facts, java.time.Clock clock) {
        return new FencedSource(this, clock).session(facts);
    }

    public DatabaseEndpoint targetAdmin() {
        return ports.databases().targetAdmin(config.target().database());
    }

    /** Secret in the target namespace holding the role's password (the source of truth for it). */
    public String roleSecret() {
        return roleSecret(config);
    }

    /** {@link #roleSecret()} of {@code config}, for the adapters that build the ports before a cutover exists. */
    public static String roleSecret(CutoverConfig config) {
        return "rehome-" + CutoverNames.inObjectName(config.target().database()) + "-credentials";
    }

    public String targetLabel() {
        return config.target().namespace() + "/" + config.target().cluster() + "/" + config.target().database();
    }

    public boolean gitops() {
        return options.gitopsDir().isPresent();
    }
}
