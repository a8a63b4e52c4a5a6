package dev.rehome.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BorrowedHandlesIT {
    private static PostgresServer server;

    @BeforeAll
    static void start() {
        server = PostgresServers.start(16);
        server.execute("postgres", "CREATE TABLE borrowed (id int)");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void closingABorrowedHandleKeepsTheSessionAndItsSnapshot() throws Exception {
        try (Connection session = server.connect("postgres")) {
            session.setAutoCommit(false);
            try (Statement st = session.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            long before;
            try (Handle h = BorrowedHandles.borrow(session)) {
                before = h.createQuery("SELECT count(*) FROM borrowed").mapTo(Long.class).one();
            }
            server.execute("postgres", "INSERT INTO borrowed VALUES (1)");
            try (Handle h = BorrowedHandles.borrow(session)) {
                assertThat(h.createQuery("SELECT count(*) FROM borrowed").mapTo(Long.class).one())
                        .as("the same snapshot: a row committed since is not seen").isEqualTo(before);
            }
            assertThat(session.isClosed()).isFalse();
            assertThat(session.getAutoCommit()).isFalse();
        }
    }

    @Test
    void identifiersJdbiCouldTakeForParametersOrEscapesAreSentAsWritten() throws Exception {
        for (String name : java.util.List.of("ends in \\", "a\\\"b", "what?", "x:y", "$1")) {
            server.execute("postgres", "CREATE TABLE " + dev.rehome.core.Identifiers.quote(name) + " (id int)");
            server.execute("postgres", "INSERT INTO " + dev.rehome.core.Identifiers.quote(name) + " VALUES (1), (2)");
            try (Connection session = server.connect("postgres"); Handle h = BorrowedHandles.borrow(session)) {
                assertThat(h.createQuery("SELECT count(*) FROM " + dev.rehome.core.Identifiers.quote(name)
                        + " WHERE id > ?").bind(0, 0).mapTo(Long.class).one()).as(name).isEqualTo(2);
            }
        }
    }
}
