package dev.rehome.jdbc.verify;

import dev.rehome.core.Finding;
import dev.rehome.core.TableCheck;
import dev.rehome.core.VerificationReport;
import dev.rehome.testkit.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The verifier tests' own fixture database and small helpers to read reports. */
final class VerifierFixture {
    private VerifierFixture() {
    }

    static String sql() {
        try (InputStream in = VerifierFixture.class.getResourceAsStream("fixture.sql")) {
            if (in == null) {
                throw new IllegalStateException("fixture.sql is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates {@code database} on {@code server} and loads the fixture into it. */
    static void load(PostgresServer server, String database) {
        server.createDatabase(database);
        server.execute(database, sql());
    }

    static Optional<TableCheck> table(VerificationReport report, String name) {
        return report.tables().stream().filter(t -> t.table().equals(name)).findFirst();
    }

    static List<Finding> findingsOf(VerificationReport report, String check) {
        return report.findings().stream().filter(f -> f.check().equals(check)).toList();
    }

    /** Whether {@code program} is an executable on the PATH (the machine's PostgreSQL client tools). */
    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** A single-value query as text. */
    static String query(PostgresServer server, String database, String sql) {
        try (var c = server.connect(database); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
