package dev.rehome.jdbc.verify;

import java.sql.SQLException;
import org.jdbi.v3.core.Handle;

/** Read-only work done in one side's snapshot session (its raw session, where pgjdbc's COPY or LO API is needed, is
 * {@code Handle.getConnection()}). */
@FunctionalInterface
interface SessionWork<T> {
    T apply(Handle session) throws SQLException;
}
