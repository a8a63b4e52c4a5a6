package dev.rehome.jdbc.fence;

import java.util.Objects;

/**
 * What {@link FencePlanner} chose for the credentials at hand: one of the fences, each of which stops the app's
 * logins by a mechanism the measured matrix (package doc) showed to hold for that shape while leaving rehome a
 * login, or {@link Refuse} with the credential that would make a safe fence possible.
 */
public sealed interface FencePlan {

    /** A fence rehome can apply; {@link #why()} says in one sentence why this mechanism fits. */
    sealed interface Fence extends FencePlan {
        String database();

        String appRole();

        /** The held login that applies the fence. */
        String operatorRole();

        String why();
    }

    /**
     * {@code ALTER ROLE app NOLOGIN} + terminate: the only new-connection block that also stops a superuser and
     * does not depend on pg_hba. Needs a superuser login; when that login is the app's own, rehome works through
     * a short-lived superuser {@code rehome_<run>} whose password only rehome's Secret holds.
     */
    record DisableLogin(String database, String appRole, String operatorRole, boolean migrationRole,
                        boolean revokePublic, String why) implements Fence {
        public DisableLogin {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(appRole, "appRole");
            Objects.requireNonNull(operatorRole, "operatorRole");
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * The owner (not the app) revokes CONNECT from the app role and PUBLIC: holds whatever pg_hba says; the
     * owner keeps its own CONNECT. {@code terminatorRole} ends the app's open sessions (the owner when it may
     * signal them, else the app's own login, opened before the revoke).
     */
    record RevokeConnect(String database, String appRole, String operatorRole, String terminatorRole,
                         boolean revokeFromApp, boolean revokePublic, String why) implements Fence {
        public RevokeConnect {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(appRole, "appRole");
            Objects.requireNonNull(operatorRole, "operatorRole");
            Objects.requireNonNull(terminatorRole, "terminatorRole");
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * The app role changes its own password to one only rehome knows (any role may), terminates its own
     * sessions, and, when it owns the database, revokes CONNECT from PUBLIC. Holds only where the app
     * authenticates by password, so {@link SourceFence} proves the old password is refused before trusting it.
     */
    record RotatePassword(String database, String appRole, boolean revokePublic, String why) implements Fence {
        public RotatePassword {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(appRole, "appRole");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String operatorRole() {
            return appRole;
        }
    }

    /** No safe fence with these credentials: nothing was changed; {@code provide} names what would make one. */
    record Refuse(String reason, String provide) implements FencePlan {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(provide, "provide");
        }

        /** One line for preflight: the reason, then what to provide. */
        public String message() {
            return reason + "; provide " + provide;
        }
    }
}
