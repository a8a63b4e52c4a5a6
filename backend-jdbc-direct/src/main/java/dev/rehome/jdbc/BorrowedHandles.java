package dev.rehome.jdbc;

import java.sql.Connection;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

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
}
