package dev.rehome.testkit.tls;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made up for one test, playing CNPG's {@code <cluster>-ca}: it issues server certificates
 * whose subject alternative names are chosen by the test (the Service names CNPG puts there, or wrong ones). EC
 * P-256 keys, because they are generated in milliseconds. BouncyCastle comes with fabric8's mock server.
 */
public final class TestCa {
    private static final String SIGNATURE = "SHA256withECDSA";

    private final KeyPair keys;
    private final X509Certificate certificate;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private TestCa(KeyPair keys, X509Certificate certificate, Clock clock) {
        this.keys = keys;
        this.certificate = certificate;
        this.clock = clock;
    }

    /**
     * A new self-signed CA named {@code commonName}, valid from an hour before {@code clock}'s now for a day; the
     * certificates it issues too. The clock is the test's: servers and clients check validity against real time.
     */
    public static TestCa generate(String commonName, Clock clock) {
        KeyPair keys = newKeys();
        X500Name name = new X500Name("CN=" + commonName);
        Instant now = clock.instant();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name,
                    keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestCa(keys, sign(b, keys), clock);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot build the test CA", e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate as PEM: what CNPG puts under {@code ca.crt} in the {@code <cluster>-ca} Secret. */
    public String certificatePem() {
        try {
            return Pem.encode("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path writeCertificate(Path file) {
        return Pem.writePrivate(file, certificatePem());
    }

    /** A server certificate for {@code dnsNames} (subject alternative names, the first one also the CN). */
    public ServerCertificate issueServer(List<String> dnsNames) {
        if (dnsNames.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one name");
        }
        KeyPair serverKeys = newKeys();
        Instant now = clock.instant();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate,
                    new BigInteger(64, random).add(BigInteger.TWO), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=" + dnsNames.get(0)),
                    serverKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(dnsNames.stream()
                    .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
            return new ServerCertificate(sign(b, keys), serverKeys.getPrivate());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + dnsNames, e);
        }
    }

    /** The names CNPG gives the read-write Service in its server certificate. */
    public static List<String> cnpgServiceNames(String cluster, String namespace) {
        Objects.requireNonNull(cluster, "cluster");
        String rw = cluster + "-rw";
        return List.of(rw, rw + "." + namespace, rw + "." + namespace + ".svc",
                rw + "." + namespace + ".svc.cluster.local");
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate())));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test certificate", e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an EC key", e);
        }
    }
}
