package dev.rehome.kubectl.exec;

import dev.rehome.core.tls.TlsMode;
import java.util.Objects;

/**
 * How the copy Job's pg_restore protects its connection to the CNPG target (catalogue case S-2), as a pod sees it:
 * with {@link TlsMode#VERIFY_FULL} the cluster's CA comes from its Secret {@code caSecret} (only the {@code ca.crt}
 * key is mounted, so CNPG's CA private key beside it never enters the pod) and the target is reached by
 * {@code serverName}, the Service name the server certificate carries. Build it with
 * {@code TargetTls.forJobs}, which names the Secret and the Service the same way rehome's own connections do.
 */
public record JobTls(TlsMode mode, String caSecret, String serverName) {
    /** The key of CNPG's {@code <cluster>-ca} Secret holding the CA certificate. */
    public static final String CA_KEY = "ca.crt";
    /** Where the CA is mounted in the Job's pod. */
    static final String MOUNT_PATH = "/etc/rehome/target-ca";

    public JobTls {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(caSecret, "caSecret");
        Objects.requireNonNull(serverName, "serverName");
    }

    /** {@code PGSSLROOTCERT} inside the pod. */
    public String rootCertPath() {
        return MOUNT_PATH + "/" + CA_KEY;
    }

    /**
     * The host pg_restore connects to: under verify-full the name the certificate is checked against (another
     * spelling of the same Service, say with {@code .cluster.local}, is not what rehome verifies elsewhere), else
     * {@code host} as given.
     */
    public String targetHost(String host) {
        return mode.verifies() ? serverName : host;
    }
}
