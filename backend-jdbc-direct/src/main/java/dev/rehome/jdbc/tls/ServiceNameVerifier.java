package dev.rehome.jdbc.tls;

import dev.rehome.core.tls.TlsOptions;
import java.util.Properties;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLSession;
import org.postgresql.ssl.PGjdbcHostnameVerifier;

/**
 * Checks the server's certificate against the Service name in {@link TlsOptions#SERVER_NAME} instead of the
 * address the socket went to. rehome reaches the CNPG primary through a loopback port-forward, so pgjdbc's own
 * check would compare {@code 127.0.0.1} with a certificate that names {@code <cluster>-rw.<ns>.svc} and always
 * fail. The name comparison itself is pgjdbc's (subject alternative names, wildcards, IDN), only the name differs.
 * pgjdbc instantiates this class from {@code sslhostnameverifier} with the connection's properties.
 */
public final class ServiceNameVerifier implements HostnameVerifier {
    private final String serverName;

    /** Called by pgjdbc's ObjectFactory with the connection properties. */
    public ServiceNameVerifier(Properties info) {
        String name = info.getProperty(TlsOptions.SERVER_NAME);
        if (name == null || name.isBlank()) {
            // A verifier without a name to check must not pass anything.
            throw new IllegalArgumentException("no " + TlsOptions.SERVER_NAME + " property to verify the server against");
        }
        this.serverName = name;
    }

    @Override
    public boolean verify(String connectedTo, SSLSession session) {
        return PGjdbcHostnameVerifier.INSTANCE.verify(serverName, session);
    }
}
