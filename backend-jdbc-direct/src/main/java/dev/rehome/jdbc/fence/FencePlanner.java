package dev.rehome.jdbc.fence;

import dev.rehome.jdbc.fence.CredentialShape.LoginFacts;
import java.util.Optional;

/**
 * Chooses the fence for the credentials at hand, from facts only (no I/O), strongest mechanism first:
 * <ol>
 *   <li>a superuser login → {@link FencePlan.DisableLogin} (NOLOGIN stops superusers and ignores pg_hba); if the
 *       only superuser login is the app's own, through a migration role;</li>
 *   <li>the database owner, when it is not the app → {@link FencePlan.RevokeConnect} (ACL-based, ignores pg_hba),
 *       if someone held may end the app's open sessions;</li>
 *   <li>the app's own password → {@link FencePlan.RotatePassword} (holds only under password authentication,
 *       which {@link SourceFence} proves after applying it);</li>
 *   <li>otherwise {@link FencePlan.Refuse}, naming the credential to provide.</li>
 * </ol>
 */
public final class FencePlanner {
    private FencePlanner() {
    }

    public static FencePlan choose(CredentialShape facts) {
        String app = facts.appRole();
        if (!facts.appCanLogin()) {
            return new FencePlan.Refuse("role '" + app + "' cannot log in (NOLOGIN), so it is not the app's login"
                    + " or a fence is already in place", "the role the app really logs in as (its connection Secret)");
        }
        if (facts.appSuperuser()) {
            return forSuperuserApp(facts);
        }
        Optional<LoginFacts> superuser = facts.logins().stream().filter(LoginFacts::superuser).findFirst();
        if (superuser.isPresent()) {
            return new FencePlan.DisableLogin(facts.database(), app, superuser.get().role(), false,
                    facts.publicHasConnect(), "superuser '" + superuser.get().role() + "' is held: NOLOGIN on '" + app
                    + "' blocks its new sessions whatever pg_hba says, and rehome keeps working as '"
                    + superuser.get().role() + "'");
        }
        Optional<LoginFacts> owner = facts.login(facts.databaseOwner()).filter(l -> !l.role().equals(app));
        Optional<LoginFacts> appLogin = facts.appLogin().filter(LoginFacts::hasPassword);
        if (owner.isPresent() && (owner.get().canSignalApp() || appLogin.isPresent())) {
            String terminator = owner.get().canSignalApp() ? owner.get().role() : app;
            return new FencePlan.RevokeConnect(facts.database(), app, owner.get().role(), terminator,
                    facts.appHasDirectConnect(), facts.publicHasConnect(), "owner '" + owner.get().role()
                    + "' is held and is not the app: revoking CONNECT from '" + app + "' and PUBLIC blocks the app"
                    + " whatever pg_hba says, and the owner keeps its own CONNECT");
        }
        if (appLogin.isPresent()) {
            return new FencePlan.RotatePassword(facts.database(), app, facts.appIsOwner() && facts.publicHasConnect(),
                    "only the app's own non-superuser login is held and it cannot be made NOLOGIN or lose CONNECT"
                    + " without locking rehome out: it changes its own password to one only rehome holds");
        }
        if (facts.appLogin().isPresent()) {
            return new FencePlan.Refuse("role '" + app + "' logs in without a password (trust), so changing its"
                    + " password fences nothing and it may not make itself NOLOGIN", superuserHint());
        }
        if (owner.isPresent()) {
            return new FencePlan.Refuse("owner '" + owner.get().role() + "' could revoke CONNECT but may not end the"
                    + " open sessions of '" + app + "'", "the password of the app role '" + app + "' (the app's"
                    + " connection Secret), or " + superuserHint());
        }
        return new FencePlan.Refuse("no held login can stop role '" + app + "' without also locking rehome out",
                superuserHint() + ", or the password of the app role '" + app + "' (the app's connection Secret)");
    }

    private static FencePlan forSuperuserApp(CredentialShape facts) {
        String app = facts.appRole();
        Optional<LoginFacts> other = facts.superuserOtherThanApp();
        if (other.isPresent()) {
            return new FencePlan.DisableLogin(facts.database(), app, other.get().role(), false,
                    facts.publicHasConnect(), "the app logs in as superuser '" + app + "', which REVOKE CONNECT and"
                    + " CONNECTION LIMIT do not stop; NOLOGIN does, and rehome keeps working as superuser '"
                    + other.get().role() + "'");
        }
        if (facts.appLogin().isPresent()) {
            return new FencePlan.DisableLogin(facts.database(), app, app, true, facts.publicHasConnect(),
                    "the app logs in as superuser '" + app + "', which REVOKE CONNECT and CONNECTION LIMIT do not"
                    + " stop, and it is rehome's only login: rehome creates a short-lived superuser for itself,"
                    + " then NOLOGIN on '" + app + "' blocks the app whatever pg_hba says");
        }
        return new FencePlan.Refuse("the app logs in as superuser '" + app + "'; only a superuser can stop a"
                + " superuser's logins", "the password of superuser '" + app + "' (official image:"
                + " POSTGRES_PASSWORD) or of another superuser");
    }

    private static String superuserHint() {
        return "the password of a superuser, e.g. 'postgres' (Bitnami image: env POSTGRESQL_POSTGRES_PASSWORD,"
                + " Secret key 'postgres-password'; official image: POSTGRES_PASSWORD)";
    }
}
