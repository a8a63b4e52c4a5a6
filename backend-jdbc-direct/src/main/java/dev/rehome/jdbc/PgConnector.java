package dev.rehome.jdbc;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.UnreachableException;
import dev.rehome.core.tls.TlsOptions;
import dev.rehome.jdbc.tls.ServiceNameVerifier;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens pgjdbc connections to a {@link DatabaseEndpoint}. The password goes to the driver as a property, never
 * into the URL; a login or network failure becomes an {@link UnreachableException} whose one-line message names
 * the server and what to do, without the password. Every session pins the GUCs that change the text form of
 * values ({@code DateStyle}, {@code TimeZone}, {@code extra_float_digits}, ...) so checksums computed on two
 * servers are comparable. Thread-safe.
 */
public final class PgConnector {
    /** Settings that make the text output of every type identical across servers and versions. */
    public static final Map<String, String> STABLE_OUTPUT = Map.of(
            "DateStyle", "ISO, YMD",
            "TimeZone", "UTC",
            "IntervalStyle", "postgres",
            "extra_float_digits", "3",
            "bytea_output", "hex",
            "lc_monetary", "C",
            "search_path", "pg_catalog");

    /** How the message of a connection refused by the TLS check starts (see {@link #explain}). */
    public static final String TLS_FAILED = "TLS verification of ";
    private static final Logger LOG = LoggerFactory.getLogger(PgConnector.class);

    /** Waits between connection attempts; a test passes one that does not sleep. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    /**
     * Waits before the second and third attempt when a connection broke while it was being set up. A port-forward
     * (kubectl's, fabric8's) drops a new connection now and then while its stream to the kubelet opens; a second
     * attempt gets a fresh stream. Only failures that came quickly count: a login that timed out is not repeated.
     */
    private static final List<Duration> RETRY_WAITS = List.of(Duration.ofMillis(500), Duration.ofMillis(1500));
    private static final Duration QUICK_FAILURE = Duration.ofSeconds(5);

    private final String applicationName;
    private final Pause pause;

    public PgConnector(String applicationName) {
        this(applicationName, d -> Thread.sleep(d.toMillis()));
    }

    PgConnector(String applicationName, Pause pause) {
        this.applicationName = Objects.requireNonNull(applicationName, "applicationName");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    public PgConnector() {
        this("rehome");
    }

    /** A connection with pinned output settings; the caller closes it. */
    public Connection open(DatabaseEndpoint endpoint) {
        Connection c = openRaw(endpoint);
        try (Statement s = c.createStatement()) {
            StringBuilder sql = new StringBuilder();
            STABLE_OUTPUT.forEach((k, v) -> sql.append("SELECT pg_catalog.set_config('").append(k).append("', '")
                    .append(v).append("', false);"));
            s.execute(sql.toString());
        } catch (SQLException e) {
            closeQuietly(c);
            throw new UnreachableException("cannot prepare a session on " + endpoint.describe() + ": " + e.getMessage(), e);
        }
        return c;
    }

    /** A connection with the server's default settings; the caller closes it. */
    public Connection openRaw(DatabaseEndpoint endpoint) {
        Properties p = new Properties();
        p.setProperty("user", endpoint.user());
        if (!endpoint.password().isEmpty()) {
            p.setProperty("password", endpoint.password().reveal());
        }
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("connectTimeout", "10");
        // connectTimeout ends at the TCP handshake; a server (or network) that accepts and then says nothing would
        // keep the login waiting forever
        p.setProperty("loginTimeout", "30");
        p.setProperty("tcpKeepAlive", "true");
        // Every supported server is newer: pgjdbc then sends its startup settings in the startup packet instead of
        // a query of their own, one round trip less per session.
        p.setProperty("assumeMinServerVersion", "9.4");
        endpoint.options().forEach(p::setProperty);
        if (endpoint.options().containsKey(TlsOptions.SERVER_NAME)) {
            // The socket goes to a loopback forward; the certificate must name the Service (S-2).
            p.setProperty("sslhostnameverifier", ServiceNameVerifier.class.getName());
        }
        for (int attempt = 0; ; attempt++) {
            long started = System.nanoTime();
            try {
                return DriverManager.getConnection(jdbcUrl(endpoint), p);
            } catch (SQLException e) {
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                if (attempt >= RETRY_WAITS.size() || !brokenWhileConnecting(endpoint, e, took)) {
                    throw new UnreachableException(explain(endpoint, e), e);
                }
                LOG.info("connection to {} broke while it was set up ({}); trying again", endpoint.describe(),
                        firstLine(e.getMessage()));
                pauseBefore(attempt, endpoint, e);
            }
        }
    }

    /** A connection the network dropped during its set-up: not a refusal by the server, not a TLS check, not a timeout. */
    private static boolean brokenWhileConnecting(DatabaseEndpoint endpoint, SQLException e, Duration took) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean connectionFailure = state.equals("08001") || state.equals("08006");
        return connectionFailure && took.compareTo(QUICK_FAILURE) < 0
                && !(tlsVerified(endpoint) && looksLikeTls(firstLine(e.getMessage())));
    }

    private void pauseBefore(int attempt, DatabaseEndpoint endpoint, SQLException e) {
        try {
            pause.pause(RETRY_WAITS.get(attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UnreachableException(explain(endpoint, e), e);
        }
    }

    /** The JDBC URL without credentials. */
    public static String jdbcUrl(DatabaseEndpoint endpoint) {
        String host = endpoint.host().contains(":") ? "[" + endpoint.host() + "]" : endpoint.host();
        return "jdbc:postgresql://" + host + ":" + endpoint.port() + "/"
                + java.net.URLEncoder.encode(endpoint.database(), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20");
    }

    static String explain(DatabaseEndpoint endpoint, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = endpoint.describe();
        String reason = firstLine(e.getMessage());
        if (state.equals("28P01") || state.equals("28000")) {
            return "login to " + where + " refused (" + reason + "); check the password in PGPASSWORD, ~/.pgpass or"
                    + " the password file";
        }
        if (tlsVerified(endpoint) && looksLikeTls(reason)) {
            return TLS_FAILED + where + " failed (" + reason + "): the server must present a certificate"
                    + " signed by the CA in " + endpoint.options().getOrDefault(TlsOptions.SSLROOTCERT, "sslrootcert")
                    + " that names " + endpoint.options().getOrDefault(TlsOptions.SERVER_NAME, endpoint.host())
                    + "; rehome does not fall back to an unverified or unencrypted connection";
        }
        if (state.equals("3D000")) {
            return "database '" + endpoint.database() + "' does not exist on " + where;
        }
        if (state.startsWith("08")) {
            return "cannot reach " + where + " (" + reason + "); check host, port and that the server runs";
        }
        return "cannot connect to " + where + ": " + reason;
    }

    private static boolean tlsVerified(DatabaseEndpoint endpoint) {
        String mode = endpoint.options().getOrDefault(TlsOptions.SSLMODE, "");
        return mode.equals("verify-full") || mode.equals("verify-ca");
    }

    private static boolean looksLikeTls(String reason) {
        String r = reason.toLowerCase(java.util.Locale.ROOT);
        return r.contains("ssl") || r.contains("certificat") || r.contains("hostname") || r.contains("pkix");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }
}
