package dev.rehome.testkit.tls;

import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** A server certificate and its key, as a test CA issued them. */
public record ServerCertificate(X509Certificate certificate, PrivateKey key) {
    public ServerCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
    }

    public String certificatePem() {
        try {
            return Pem.encode("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#8, which OpenSSL (the server) reads without a passphrase. */
    public String keyPem() {
        return Pem.encode("PRIVATE KEY", key.getEncoded());
    }
}
