package dev.rehome.jdbc.fence;

import dev.rehome.core.RefusedException;
import dev.rehome.core.UnreachableException;
import dev.rehome.jdbc.fence.CredentialShape.LoginFacts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the facts {@link FencePlanner} decides on, changing nothing: each held login is tried (a refused one is
 * left out, so the planner never counts on it) and asked what it is ({@code rolsuper}, {@code rolcreaterole},
 * owner or not, whether it may signal the app's backends); the database's owner and CONNECT ACL and the app
 * role's attributes come from the catalogs every role may read.
 */
final class CredentialShapeReader {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialShapeReader.class);
    /** Completed with the grantee's oid: whether it holds CONNECT on the database through an ACL entry of its own. */
    static final String CONNECT_HELD = "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_database d, "
            + "pg_catalog.aclexplode(coalesce(d.datacl, pg_catalog.acldefault('d', d.datdba))) a "
            + "WHERE d.datname = ? AND a.privilege_type = 'CONNECT' AND a.grantee = ";

    private final FenceSessions sessions;

    CredentialShapeReader(FenceSessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    CredentialShape read(FenceCredentials creds, String appRole) {
        String db = creds.server().database();
        List<LoginFacts> logins = new ArrayList<>();
        CredentialShape catalog = null;
        List<String> refused = new ArrayList<>();
        for (FenceLogin login : creds.logins()) {
            FenceSessions.Login l = new FenceSessions.Login(login.role(), login.password(), login.origin());
            try (FenceSessions.Session s = sessions.openMaintenance(creds, List.of(l))) {
                if (catalog == null) {
                    catalog = catalog(s.connection(), db, appRole);
                }
                logins.add(facts(s.connection(), login, catalog));
            } catch (UnreachableException e) {
                LOG.warn("login '{}' ({}) was refused; the fence will not count on it: {}", login.role(),
                        login.origin(), e.getMessage());
                refused.add(login.role());
            } catch (SQLException e) {
                throw new UnreachableException("cannot read role facts as '" + login.role() + "': "
                        + FenceSql.reason(e), e);
            }
        }
        if (catalog == null) {
            throw new UnreachableException("none of the held logins " + refused + " was accepted by "
                    + creds.server().withUser("?").describe());
        }
        return new CredentialShape(catalog.database(), catalog.databaseOwner(), appRole, catalog.appSuperuser(),
                catalog.appCanLogin(), catalog.publicHasConnect(), catalog.appHasDirectConnect(), logins);
    }

    private static CredentialShape catalog(Connection c, String db, String app) throws SQLException {
        String owner;
        try (PreparedStatement ps = FenceSql.prepare(c, "SELECT pg_catalog.pg_get_userbyid(datdba) "
                + "FROM pg_catalog.pg_database WHERE datname = ?", db); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new RefusedException("database '" + db + "' does not exist on the source server");
            }
            owner = rs.getString(1);
        }
        boolean superuser;
        boolean canLogin;
        try (PreparedStatement ps = FenceSql.prepare(c, "SELECT rolsuper, rolcanlogin FROM pg_catalog.pg_roles "
                + "WHERE rolname = ?", app); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new RefusedException("the app's role '" + app + "' does not exist on the source server");
            }
            superuser = rs.getBoolean(1);
            canLogin = rs.getBoolean(2);
        }
        boolean publicConnect = FenceSql.queryBoolean(c, CONNECT_HELD + "0)", db);
        boolean appConnect = FenceSql.queryBoolean(c, CONNECT_HELD
                + "(SELECT oid FROM pg_catalog.pg_roles WHERE rolname = ?))", db, app);
        return new CredentialShape(db, owner, app, superuser, canLogin, publicConnect, appConnect, List.of());
    }

    private static LoginFacts facts(Connection c, FenceLogin login, CredentialShape catalog) throws SQLException {
        try (PreparedStatement ps = FenceSql.prepare(c, "SELECT r.rolsuper, r.rolcreaterole, "
                + "CASE WHEN r.rolsuper THEN true WHEN a.rolsuper THEN false ELSE r.oid = a.oid "
                + "OR pg_catalog.pg_has_role(r.oid, a.oid, 'MEMBER') "
                + "OR pg_catalog.pg_has_role(r.oid, 'pg_signal_backend', 'MEMBER') END "
                + "FROM pg_catalog.pg_roles r, pg_catalog.pg_roles a WHERE r.rolname = current_user "
                + "AND a.rolname = ?", catalog.appRole()); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new LoginFacts(login.role(), rs.getBoolean(1), rs.getBoolean(2),
                    login.role().equals(catalog.databaseOwner()), rs.getBoolean(3), !login.password().isEmpty(),
                    login.origin());
        }
    }
}
