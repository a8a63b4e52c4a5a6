package dev.rehome.jdbc.fence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A fence, durably: which actions, in order, and which role rehome's sessions use under it. Holds no secret, so
 * it goes into the journal ({@link #encode()}) before the fence is applied; with the logins' Secrets and the
 * fence secret it is all a later process needs to lift the fence (see {@link SourceFence#lift}).
 *
 * @param operatorRole           the held login that applies the fence
 * @param sessionRole            the role rehome's copy, undo and lift sessions log in as while fenced
 * @param sessionUsesFenceSecret whether {@code sessionRole} logs in with the fence secret (a migration role or a
 *                               rotated password) rather than the password it already had
 */
public record FenceHandle(String runId, String database, String appRole, String operatorRole, String sessionRole,
                          boolean sessionUsesFenceSecret, List<FenceAction> actions) {
    private static final int MAX_IDENTIFIER_BYTES = 63;

    public FenceHandle {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(appRole, "appRole");
        Objects.requireNonNull(operatorRole, "operatorRole");
        Objects.requireNonNull(sessionRole, "sessionRole");
        actions = List.copyOf(actions);
    }

    /** The handle of {@code plan} for run {@code runId}, before anything is applied. */
    public static FenceHandle of(FencePlan.Fence plan, String runId) {
        List<FenceAction> actions = new ArrayList<>();
        String db = plan.database();
        String app = plan.appRole();
        if (plan instanceof FencePlan.DisableLogin p) {
            String session = p.operatorRole();
            if (p.migrationRole()) {
                session = migrationRoleName(runId);
                actions.add(new FenceAction.CreateMigrationRole(session, true));
            }
            actions.add(new FenceAction.DisableLogin(app));
            if (p.revokePublic()) {
                actions.add(new FenceAction.RevokePublicConnect(db));
            }
            actions.add(new FenceAction.TerminateSessions(db, List.of(app), p.operatorRole()));
            return new FenceHandle(runId, db, app, p.operatorRole(), session, p.migrationRole(), actions);
        }
        if (plan instanceof FencePlan.RevokeConnect p) {
            if (p.revokeFromApp()) {
                actions.add(new FenceAction.RevokeRoleConnect(db, app));
            }
            if (p.revokePublic()) {
                actions.add(new FenceAction.RevokePublicConnect(db));
            }
            actions.add(new FenceAction.TerminateSessions(db, List.of(app), p.terminatorRole()));
            return new FenceHandle(runId, db, app, p.operatorRole(), p.operatorRole(), false, actions);
        }
        FencePlan.RotatePassword p = (FencePlan.RotatePassword) plan;
        actions.add(new FenceAction.RotatePassword(app));
        if (p.revokePublic()) {
            actions.add(new FenceAction.RevokePublicConnect(db));
        }
        actions.add(new FenceAction.TerminateSessions(db, List.of(app), app));
        return new FenceHandle(runId, db, app, app, app, true, actions);
    }

    /** {@code rehome_<run>}: lower-case letters, digits and {@code _} only, at most 63 bytes. */
    static String migrationRoleName(String runId) {
        String clean = runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String name = "rehome_" + clean;
        return name.length() > MAX_IDENTIFIER_BYTES ? name.substring(0, MAX_IDENTIFIER_BYTES) : name;
    }

    /** Whether a fence secret must be generated and stored before {@link SourceFence#fence}. */
    public boolean needsFenceSecret() {
        return sessionUsesFenceSecret;
    }

    /** One line per action, for plans. */
    public List<String> describe() {
        return actions.stream().map(FenceAction::describe).toList();
    }

    /** The journal form: plain text, no secrets; {@link #decode} reads it back. */
    public String encode() {
        return FenceHandleCodec.encode(this);
    }

    public static FenceHandle decode(String text) {
        return FenceHandleCodec.decode(text);
    }
}
