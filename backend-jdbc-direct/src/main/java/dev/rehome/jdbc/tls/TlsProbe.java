package dev.rehome.jdbc.tls;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Secret;
import dev.rehome.core.UnreachableException;
import dev.rehome.jdbc.PgConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks, before anything changes, that the server proves itself as the endpoint's TLS options demand. The TLS
 * handshake and the certificate check come before authentication, so the probe needs no credentials: it logs in
 * as a role that does not exist, and a login refusal means the server passed. Only a failed TLS check counts;
 * anything else (no such role, no pg_hba entry, no password) is the server talking after a verified handshake.
 */
public final class TlsProbe {
    /** The role the probe names; it need not exist, and the server refuses it after the handshake. */
    static final String PROBE_ROLE = "rehome_tls_probe";

    private final PgConnector connector;

    public TlsProbe(PgConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    /** Empty when the server passed the TLS check; else why it did not (one line, no secrets). */
    public Optional<String> failure(DatabaseEndpoint endpoint) {
        DatabaseEndpoint probe = endpoint.withUser(PROBE_ROLE).withPassword(Secret.empty()).withDatabase("postgres");
        try (Connection ignored = connector.openRaw(probe)) {
            return Optional.empty();
        } catch (UnreachableException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            return message.startsWith(PgConnector.TLS_FAILED) ? Optional.of(message) : Optional.empty();
        } catch (SQLException e) {
            // Only closing failed: the handshake had passed.
            return Optional.empty();
        }
    }
}
