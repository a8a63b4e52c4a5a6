package dev.rehome.core.cutover;

import dev.rehome.core.Secret;

/**
 * Port: the role and database on the target. Everything rehome creates carries {@code marker} (a database
 * comment), and only marked objects are ever dropped or reused: a database or role of the same name without the
 * marker belongs to someone else.
 */
public interface TargetProvisioner {
    /** Whether {@code database} or {@code role} exists on the target without rehome's marker. */
    boolean foreignObjectsExist(String role, String database, String marker);

    /** Creates (or brings up to date) the login role with this password and the database it owns. Idempotent. */
    void ensure(String role, Secret password, String database, String marker);

    /** Drops and recreates our own database empty (the clean redo of the data phase); refuses a foreign one. */
    void recreate(String role, String database, String marker);

    /** Drops our own database and role; does nothing to foreign ones. */
    void drop(String role, String database, String marker);
}
