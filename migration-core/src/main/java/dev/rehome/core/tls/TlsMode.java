package dev.rehome.core.tls;

import dev.rehome.core.InvalidConfigurationException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How rehome's own connections to the CNPG target are protected (catalogue case S-2). {@link #VERIFY_FULL} is the
 * default: the server must present a certificate signed by the cluster's CA that names the read-write Service.
 * The weaker modes exist only as a named opt-out; nothing ever falls back to them on its own.
 */
public enum TlsMode {
    /** TLS, certificate signed by the cluster's CA, and naming the read-write Service. */
    VERIFY_FULL("verify-full"),
    /** TLS without checking who answers: for a target whose CA Secret rehome may not read. */
    REQUIRE("require"),
    /** No TLS at all: for servers without TLS (the sandbox, embedded test servers). */
    DISABLE("disable");

    private final String sslmode;

    TlsMode(String sslmode) {
        this.sslmode = sslmode;
    }

    /** The libpq/pgjdbc {@code sslmode} of this mode; also the value users type. */
    public String sslmode() {
        return sslmode;
    }

    /** Whether the server's certificate and name are checked (and the CA therefore needed). */
    public boolean verifies() {
        return this == VERIFY_FULL;
    }

    /** Parses what the user typed; anything else is a usage error (exit 2) that lists the values. */
    public static TlsMode parse(String value) {
        for (TlsMode mode : values()) {
            if (mode.sslmode.equals(value)) {
                return mode;
            }
        }
        throw new InvalidConfigurationException("'" + value + "' is not a TLS mode for the target; use one of "
                + names());
    }

    /** {@code verify-full, require, disable}. */
    public static String names() {
        return Arrays.stream(values()).map(TlsMode::sslmode).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return sslmode;
    }
}
