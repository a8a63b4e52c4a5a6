package dev.rehome.kubectl.exec;

import dev.rehome.core.tls.TlsMode;

/**
 * The TLS of Jobs whose target is an embedded server without TLS: none. {@code DumpRestoreJobManifestTest} and
 * {@code DumpRestoreScriptTlsIT} cover the modes that protect the connection.
 */
final class PlainTarget {
    static final JobTls TLS = new JobTls(TlsMode.DISABLE, "pal-e-postgres-ca", "pal-e-postgres-rw.postgres.svc");

    private PlainTarget() {
    }
}
