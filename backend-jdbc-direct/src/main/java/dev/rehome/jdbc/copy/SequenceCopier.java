package dev.rehome.jdbc.copy;

import dev.rehome.core.TableRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Sets every target sequence to its source position, {@code is_called} included, so the next {@code nextval}
 * returns on the target what it would have returned on the source (also for sequences set far ahead of the data
 * and for sequences no column uses). Sequences are not transactional: the value read is the current one, as
 * pg_dump reads it; fence writers before the copy. Stateless.
 */
public final class SequenceCopier {
    public void copy(Connection source, Connection target, List<TableRef> sequences) throws SQLException {
        try (PreparedStatement set = target.prepareStatement("SELECT pg_catalog.setval(?::regclass, ?, ?)")) {
            for (TableRef seq : sequences) {
                try (Statement s = source.createStatement();
                     ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM " + seq.sql())) {
                    rs.next();
                    set.setString(1, seq.sql());
                    set.setLong(2, rs.getLong(1));
                    set.setBoolean(3, rs.getBoolean(2));
                    set.execute();
                }
            }
        }
    }
}
