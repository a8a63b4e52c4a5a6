package dev.rehome.jdbc.verify;

import java.sql.Connection;
import java.sql.SQLException;

/** Read-only work done in one side's session. */
@FunctionalInterface
interface SessionWork<T> {
    T apply(Connection session) throws SQLException;
}
