package dev.rehome.kubectl.provision;

import java.util.List;

/**
 * Runs one SQL statement as the {@code postgres} superuser on the target's primary. Statements carry no
 * secrets; identifiers are quoted with {@link dev.rehome.core.Identifiers}.
 */
public interface SqlConsole {
    /** Rows of the statement's result, columns as text (SQL NULL as {@code null}). */
    List<List<String>> query(String database, String sql);

    default void execute(String database, String sql) {
        query(database, sql);
    }

    /** Where statements run, for messages. */
    String where();
}
