package dev.rehome.core.tls;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link dev.rehome.core.DatabaseEndpoint#options()} that carry a {@link TlsMode}. rehome reaches the target
 * through a loopback port-forward, so the address it connects to (127.0.0.1) is not the name in the server's
 * certificate ({@code <cluster>-rw.<ns>.svc}). {@link #SERVER_NAME} carries that name beside the address: the
 * JDBC side checks the certificate against it with its own hostname verifier, the libpq side passes it as
 * {@code PGHOST} with the address as {@code PGHOSTADDR}. The key is rehome's own (libpq and pgjdbc ignore it).
 */
public final class TlsOptions {
    /** The DNS name the server's certificate must carry when it differs from the address connected to. */
    public static final String SERVER_NAME = "rehome.tls_server_name";
    public static final String SSLMODE = "sslmode";
    public static final String SSLROOTCERT = "sslrootcert";
    /** Every option {@link #of} may set. */
    public static final java.util.Set<String> KEYS = java.util.Set.of(SERVER_NAME, SSLMODE, SSLROOTCERT);

    private TlsOptions() {
    }

    /**
     * The options for {@code mode}.
     *
     * @param rootCert   the CA certificate file (PEM); required for {@link TlsMode#VERIFY_FULL}, else ignored
     * @param serverName the name the certificate must carry; required for {@link TlsMode#VERIFY_FULL}
     */
    public static Map<String, String> of(TlsMode mode, Path rootCert, String serverName) {
        Objects.requireNonNull(mode, "mode");
        Map<String, String> options = new LinkedHashMap<>();
        options.put(SSLMODE, mode.sslmode());
        if (mode.verifies()) {
            Objects.requireNonNull(rootCert, "rootCert is needed for " + mode);
            if (serverName == null || serverName.isBlank()) {
                throw new IllegalArgumentException("a server name is needed for " + mode);
            }
            options.put(SSLROOTCERT, rootCert.toAbsolutePath().toString());
            options.put(SERVER_NAME, serverName);
        }
        return Map.copyOf(options);
    }
}
