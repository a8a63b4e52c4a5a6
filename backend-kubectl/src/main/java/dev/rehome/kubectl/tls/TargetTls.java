package dev.rehome.kubectl.tls;

import dev.rehome.core.RefusedException;
import dev.rehome.core.tls.TlsMode;
import dev.rehome.core.tls.TlsOptions;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.exec.JobTls;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLS rehome's own connections to a CNPG cluster use (catalogue case S-2). With {@link TlsMode#VERIFY_FULL} it
 * reads the cluster's CA from the Secret {@code <cluster>-ca} (key {@code ca.crt}) into a file only this user can
 * read, and names the read-write Service the certificate must carry; a missing or unusable CA is refused before
 * anything changes. The CA is public, but the file is private anyway so nobody can swap it for theirs. Close to
 * delete the file.
 */
public final class TargetTls implements AutoCloseable {
    /** The flag that chooses the mode, named in refusals so the user knows the way out. */
    public static final String FLAG = "--target-tls";
    static final String CA_KEY = JobTls.CA_KEY;

    private final TlsMode mode;
    private final Optional<Path> caFile;
    private final NamespacedName caSecret;
    private final String serverName;

    private TargetTls(TlsMode mode, Optional<Path> caFile, NamespacedName caSecret, String serverName) {
        this.mode = mode;
        this.caFile = caFile;
        this.caSecret = caSecret;
        this.serverName = serverName;
    }

    /**
     * @param cluster     the CNPG Cluster (its namespace holds the CA Secret)
     * @param writeService the read-write Service's name ({@code <cluster>-rw})
     */
    public static TargetTls open(KubernetesClient client, TlsMode mode, NamespacedName cluster, String writeService) {
        Objects.requireNonNull(mode, "mode");
        NamespacedName secret = caSecret(cluster);
        if (!mode.verifies()) {
            return new TargetTls(mode, Optional.empty(), secret, serverName(cluster, writeService));
        }
        String pem = readCa(client, secret.namespace(), secret.name(), secret.toString());
        return new TargetTls(mode, Optional.of(writePrivate(pem)), secret, serverName(cluster, writeService));
    }

    /**
     * The same TLS for a pod inside the cluster (the copy Job), which mounts the CA Secret instead of reading it;
     * reads nothing, so a missing Secret shows as the pod's mount failure.
     */
    public static JobTls forJobs(TlsMode mode, NamespacedName cluster, String writeService) {
        return new JobTls(Objects.requireNonNull(mode, "mode"), caSecret(cluster).name(),
                serverName(cluster, writeService));
    }

    /** {@link #forJobs(TlsMode, NamespacedName, String)} for the cluster this was opened for. */
    public JobTls forJobs() {
        return new JobTls(mode, caSecret.name(), serverName);
    }

    /** CNPG's CA Secret of {@code cluster}, in its namespace. */
    private static NamespacedName caSecret(NamespacedName cluster) {
        return new NamespacedName(cluster.namespace(), cluster.name() + "-ca");
    }

    /** The name CNPG's server certificate carries and rehome checks: {@code <cluster>-rw.<ns>.svc}. */
    private static String serverName(NamespacedName cluster, String writeService) {
        return writeService + "." + cluster.namespace() + ".svc";
    }

    public TlsMode mode() {
        return mode;
    }

    /** The endpoint options for connections to the target. */
    public Map<String, String> options() {
        return TlsOptions.of(mode, caFile.orElse(null), serverName);
    }

    /** One line for the notices and logs, so an opt-out is never silent. */
    public String describe() {
        return optOutNotice(mode).orElse("TLS to the target: verify-full, certificate signed by the CA in Secret "
                + caSecret + " and naming " + serverName);
    }

    /** What an opt-out gives up, in one line for the terminal; empty for verify-full. */
    public static Optional<String> optOutNotice(TlsMode mode) {
        return switch (mode) {
            case VERIFY_FULL -> Optional.empty();
            case REQUIRE -> Optional.of("TLS to the target: require (" + FLAG + "=require): encrypted, but the"
                    + " server's certificate is NOT checked");
            case DISABLE -> Optional.of("TLS to the target: disabled (" + FLAG + "=disable): passwords and data cross"
                    + " the port-forward unencrypted and the server is NOT checked");
        };
    }

    @Override
    public void close() {
        caFile.ifPresent(f -> {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + f, e);
            }
        });
    }

    private static String readCa(KubernetesClient client, String namespace, String name, String where) {
        Secret secret;
        try {
            secret = client.secrets().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                throw refused("Secret " + where + " cannot be read (forbidden)");
            }
            throw e;
        }
        String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(CA_KEY);
        if (encoded == null) {
            throw refused(secret == null ? "Secret " + where + " does not exist"
                    : "Secret " + where + " has no key " + CA_KEY);
        }
        String pem;
        try {
            pem = new String(Base64.getDecoder().decode(encoded), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw refused("Secret " + where + " key " + CA_KEY + " is not base64");
        }
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw refused("Secret " + where + " key " + CA_KEY + " holds no PEM certificate");
        }
        return pem;
    }

    private static RefusedException refused(String problem) {
        return new RefusedException(problem + ", so rehome cannot check that it talks to the CNPG cluster"
                + " (sslmode=verify-full); nothing was changed. Let rehome read the cluster's CA Secret, or opt out"
                + " with " + FLAG + "=require (encrypted, unverified) or " + FLAG + "=disable");
    }

    private static Path writePrivate(String pem) {
        try {
            Path file = Files.createTempFile("rehome-target-ca-", ".crt",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the target's CA to a temporary file", e);
        }
    }
}
