package dev.rehome.jdbc.fence;

import java.util.List;
import java.util.Objects;

/**
 * One durable step of a fence, in the order applied. Each names everything its undo needs except secrets, and
 * each undo is harmless when the step was never applied or already undone, so a handle journaled before the
 * fence lifts a fence that crashed half-way.
 */
public sealed interface FenceAction {

    /** What the step does, for plans and logs. */
    String describe();

    /** A login role for rehome alone; password set through pgjdbc (no clear text in SQL). Undo: drop it. */
    record CreateMigrationRole(String role, boolean superuser) implements FenceAction {
        public CreateMigrationRole {
            Objects.requireNonNull(role, "role");
        }

        @Override
        public String describe() {
            return "create login role '" + role + "'" + (superuser ? " SUPERUSER" : "")
                    + " for rehome's sessions (undo: terminate its sessions, drop it)";
        }
    }

    /** {@code ALTER ROLE .. NOLOGIN}; only planned for a role that could log in. Undo: {@code LOGIN}. */
    record DisableLogin(String role) implements FenceAction {
        public DisableLogin {
            Objects.requireNonNull(role, "role");
        }

        @Override
        public String describe() {
            return "ALTER ROLE '" + role + "' NOLOGIN (undo: LOGIN)";
        }
    }

    /** {@code REVOKE CONNECT} from PUBLIC; only planned when PUBLIC held it. Undo: grant it back. */
    record RevokePublicConnect(String database) implements FenceAction {
        public RevokePublicConnect {
            Objects.requireNonNull(database, "database");
        }

        @Override
        public String describe() {
            return "REVOKE CONNECT ON DATABASE '" + database + "' FROM PUBLIC (undo: GRANT)";
        }
    }

    /** {@code REVOKE CONNECT} from a role; only planned when it held a grant of its own. Undo: grant it back. */
    record RevokeRoleConnect(String database, String role) implements FenceAction {
        public RevokeRoleConnect {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public String describe() {
            return "REVOKE CONNECT ON DATABASE '" + database + "' FROM '" + role + "' (undo: GRANT)";
        }
    }

    /** The role sets its own password to rehome's fence secret. Undo: the original password, from its Secret. */
    record RotatePassword(String role) implements FenceAction {
        public RotatePassword {
            Objects.requireNonNull(role, "role");
        }

        @Override
        public String describe() {
            return "role '" + role + "' changes its own password to one only rehome holds (undo: the original)";
        }
    }

    /** Ends the sessions of {@code roles} anywhere and every other client session in the database. No undo. */
    record TerminateSessions(String database, List<String> roles, String executor) implements FenceAction {
        public TerminateSessions {
            Objects.requireNonNull(database, "database");
            roles = List.copyOf(roles);
            Objects.requireNonNull(executor, "executor");
        }

        @Override
        public String describe() {
            return "terminate the sessions of " + roles + " and every other client session in '" + database
                    + "' (as '" + executor + "'; no undo)";
        }
    }
}
