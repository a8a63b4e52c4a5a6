package dev.rehome.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * jdbi handles over sessions rehome already holds: a snapshot-pinned verification session, a fence session opened
 * before the fence. Closing such a handle must neither close the session nor end its transaction: the next query
 * must see the same snapshot. jdbi leaves a transaction it did not begin alone; {@code BorrowedHandlesIT} holds
 * it to that.
 */
public final class BorrowedHandles {
    private BorrowedHandles() {
    }

    /** A handle on {@code session}; its owner keeps closing the session. */
    public static Handle borrow(Connection session) {
        Jdbi jdbi = Jdbi.create(new ConnectionFactory() {
            @Override
            public Connection openConnection() {
                return session;
            }

            @Override
            public void closeConnection(Connection conn) {
                // the session belongs to the caller
            }
        });
        return jdbi.open();
    }

    /**
     * {@code work} on a handle borrowed from {@code session}. A statement that fails comes out as the
     * {@link SQLException} the driver raised, not jdbi's unchecked wrapper around it: the copy engine's callers
     * catch SQLException to word their messages and to clean up, and must keep doing exactly that.
     */
    public static <T> T query(Connection session, Function<Handle, T> work) throws SQLException {
        try (Handle h = borrow(session)) {
            return work.apply(h);
        } catch (JdbiException e) {
            if (e.getCause() instanceof SQLException driver) {
                throw driver;
            }
            throw e;
        }
    }

    /** {@link #query} for work that returns nothing. */
    public static void run(Connection session, Consumer<Handle> work) throws SQLException {
        query(session, h -> {
            work.accept(h);
            return null;
        });
    }
}
