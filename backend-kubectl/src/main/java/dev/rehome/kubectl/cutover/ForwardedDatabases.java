package dev.rehome.kubectl.cutover;

import dev.rehome.core.cutover.Databases;
import dev.rehome.core.cutover.SourceLogin;
import dev.rehome.core.cutover.TargetServer;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Secret;
import dev.rehome.kubectl.provision.SqlConsole;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Both databases as this machine reaches them through loopback port-forwards. The target has no superuser
 * login ({@code enableSuperuserAccess: false}), so the "admin" of the app's database is the app's role, which
 * owns it; server facts come from {@code psql} as {@code postgres} in the primary (peer auth, no password).
 */
public final class ForwardedDatabases implements Databases {
    private final Supplier<DatabaseEndpoint> source;
    private final Supplier<String> sourceAppRole;
    private final Supplier<List<SourceLogin>> sourceLogins;
    private final DatabaseEndpoint targetForward;
    private final String appHost;
    private final String targetRole;
    private final Supplier<Secret> targetRolePassword;
    private final SqlConsole primary;
    private final Supplier<OptionalLong> targetFreeBytes;

    /**
     * @param source             the source through its port-forward, opened when first needed
     * @param targetForward      the forwarded primary (host and port only matter)
     * @param appHost            the read-write Service as the app reaches it
     * @param targetRolePassword the app role's password, read when first needed (after provisioning)
     * @param targetFreeBytes    the free space of the primary's data volume, read when preflight asks
     */
    public ForwardedDatabases(Supplier<DatabaseEndpoint> source, Supplier<String> sourceAppRole,
                              Supplier<List<SourceLogin>> sourceLogins, DatabaseEndpoint targetForward, String appHost,
                              String targetRole, Supplier<Secret> targetRolePassword, SqlConsole primary,
                              Supplier<OptionalLong> targetFreeBytes) {
        this.source = Objects.requireNonNull(source, "source");
        this.sourceAppRole = Objects.requireNonNull(sourceAppRole, "sourceAppRole");
        this.sourceLogins = Objects.requireNonNull(sourceLogins, "sourceLogins");
        this.targetForward = Objects.requireNonNull(targetForward, "targetForward");
        this.appHost = Objects.requireNonNull(appHost, "appHost");
        this.targetRole = Objects.requireNonNull(targetRole, "targetRole");
        this.targetRolePassword = Objects.requireNonNull(targetRolePassword, "targetRolePassword");
        this.primary = Objects.requireNonNull(primary, "primary");
        this.targetFreeBytes = Objects.requireNonNull(targetFreeBytes, "targetFreeBytes");
    }

    @Override
    public DatabaseEndpoint sourceAdmin() {
        return source.get();
    }

    @Override
    public String sourceAppRole() {
        return sourceAppRole.get();
    }

    /** Every login held for the source: the source container's (the admin first), then the app's own when it differs. */
    @Override
    public List<SourceLogin> sourceLogins() {
        return sourceLogins.get();
    }

    /** The app's role, owner of {@code database}: everything rehome reads or writes there it may. */
    @Override
    public DatabaseEndpoint targetAdmin(String database) {
        return targetAs(targetRole, targetRolePassword.get(), database);
    }

    @Override
    public DatabaseEndpoint targetAs(String role, Secret password, String database) {
        return targetForward.withDatabase(database).withUser(role).withPassword(password);
    }

    @Override
    public DatabaseEndpoint appEndpoint(String role, String database) {
        return DatabaseEndpoint.of(appHost, 5432, database, role, Secret.empty());
    }

    /** {@code df} in the primary's pod, on its data directory. */
    @Override
    public OptionalLong targetFreeBytes() {
        return targetFreeBytes.get();
    }

    @Override
    public Optional<TargetServer> targetServer() {
        List<List<String>> version = primary.query("postgres", "SELECT current_setting('server_version_num')");
        if (version.isEmpty() || version.get(0).isEmpty()) {
            throw new OperationFailedException("cannot read the server version on " + primary.where());
        }
        int major = Integer.parseInt(version.get(0).get(0).strip()) / 10000;
        List<String> available = primary.query("postgres", "SELECT name FROM pg_catalog.pg_available_extensions ORDER BY 1")
                .stream().map(row -> row.get(0)).toList();
        return Optional.of(new TargetServer(major, available));
    }
}
