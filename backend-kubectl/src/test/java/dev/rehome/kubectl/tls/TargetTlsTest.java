package dev.rehome.kubectl.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rehome.core.RefusedException;
import dev.rehome.core.tls.TlsMode;
import dev.rehome.core.tls.TlsOptions;
import dev.rehome.kubectl.MockCluster;
import dev.rehome.kubectl.NamespacedName;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TargetTlsTest {
    private static final NamespacedName CLUSTER = new NamespacedName("pal-e", "pal-e-postgres");
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    private final MockCluster cluster = MockCluster.empty();

    @AfterEach
    void close() {
        cluster.close();
    }

    private void caSecret(Map<String, String> data) {
        cluster.client().secrets().inNamespace("pal-e").resource(new SecretBuilder().withNewMetadata()
                .withName("pal-e-postgres-ca").endMetadata().withData(data).build()).create();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void verifyFullPinsTheClusterCaInAPrivateFileAndTheServiceNameAndDeletesTheFileOnClose() throws Exception {
        caSecret(Map.of("ca.crt", b64(PEM), "ca.key", b64("not read")));
        Path file;
        try (TargetTls tls = TargetTls.open(cluster.client(), TlsMode.VERIFY_FULL, CLUSTER, "pal-e-postgres-rw")) {
            Map<String, String> o = tls.options();
            assertEquals("verify-full", o.get("sslmode"));
            assertEquals("pal-e-postgres-rw.pal-e.svc", o.get(TlsOptions.SERVER_NAME));
            file = Path.of(o.get("sslrootcert"));
            assertEquals(PEM, Files.readString(file));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(tls.describe().contains("Secret pal-e/pal-e-postgres-ca"), tls.describe());
        }
        assertFalse(Files.exists(file), "the CA file is gone after close");
    }

    @Test
    void aMissingCaSecretIsRefusedNamingTheSecretAndTheOptOut() {
        RefusedException e = assertThrows(RefusedException.class,
                () -> TargetTls.open(cluster.client(), TlsMode.VERIFY_FULL, CLUSTER, "pal-e-postgres-rw"));
        assertTrue(e.getMessage().startsWith("Secret pal-e/pal-e-postgres-ca does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
        assertTrue(e.getMessage().contains("--target-tls=require"), e.getMessage());
        assertEquals(3, e.errorCode().exitCode());
    }

    @Test
    void aCaSecretWithoutCaCrtOrWithoutACertificateIsRefused() {
        caSecret(Map.of("ca.crt", b64("garbage")));
        RefusedException e = assertThrows(RefusedException.class,
                () -> TargetTls.open(cluster.client(), TlsMode.VERIFY_FULL, CLUSTER, "pal-e-postgres-rw"));
        assertTrue(e.getMessage().contains("holds no PEM certificate"), e.getMessage());
    }

    @Test
    void theOptOutsReadNoSecretAndSayWhatTheyGiveUp() {
        try (TargetTls tls = TargetTls.open(cluster.client(), TlsMode.REQUIRE, CLUSTER, "pal-e-postgres-rw")) {
            assertEquals(Map.of("sslmode", "require"), tls.options());
            assertTrue(tls.describe().contains("--target-tls=require") && tls.describe().contains("NOT checked"));
        }
        try (TargetTls tls = TargetTls.open(cluster.client(), TlsMode.DISABLE, CLUSTER, "pal-e-postgres-rw")) {
            assertEquals(Map.of("sslmode", "disable"), tls.options());
            assertTrue(tls.describe().contains("--target-tls=disable") && tls.describe().contains("unencrypted"));
        }
    }
}
