package dev.rehome.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.Secret;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PostgresServersIT {

    @Test
    void startsTwoMajorsSideBySideAndRequiresPasswordsForNonSuperusers() throws Exception {
        try (PostgresServer old = PostgresServers.start(15); PostgresServer newer = PostgresServers.start(17)) {
            assertThat(serverMajor(old)).isEqualTo(15);
            assertThat(serverMajor(newer)).isEqualTo(17);

            var app = old.createLoginRole("app", Secret.of("s3cret"), "postgres");
            Properties wrong = new Properties();
            wrong.setProperty("user", "app");
            wrong.setProperty("password", "nope");
            assertThatThrownBy(() -> DriverManager.getConnection(old.jdbcUrl("postgres"), wrong))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            Properties right = new Properties();
            right.setProperty("user", app.user());
            right.setProperty("password", "s3cret");
            try (var c = DriverManager.getConnection(old.jdbcUrl("postgres"), right)) {
                assertThat(c.isValid(2)).isTrue();
            }
        }
    }

    private static int serverMajor(PostgresServer server) throws SQLException {
        try (var c = server.connect("postgres"); var rs = c.createStatement().executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1)) / 10000;
        }
    }
}
