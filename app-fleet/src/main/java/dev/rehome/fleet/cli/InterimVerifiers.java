package dev.rehome.fleet.cli;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Finding;
import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.TableCheck;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import dev.rehome.jdbc.PgConnector;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Row counts only, until the SQL verifiers of backend-jdbc-direct ({@code Verifiers.forLevel}) are wired in.
 * Temporary: replaced by {@code dev.rehome.jdbc.verify.Verifiers}.
 */
final class InterimVerifiers {
    private static final String TABLES = "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
            + " AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";

    private InterimVerifiers() {
    }

    static Verifier forLevel(String level) {
        return switch (level) {
            case "none" -> (s, t) -> VerificationReport.empty();
            case "counts", "full" -> InterimVerifiers::counts;
            default -> throw new InvalidConfigurationException("unknown verification level '" + level + "'");
        };
    }

    private static VerificationReport counts(DatabaseEndpoint source, DatabaseEndpoint target) {
        Map<String, Long> s = counts(source);
        Map<String, Long> t = counts(target);
        List<TableCheck> tables = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        s.forEach((name, rows) -> {
            Long other = t.get(name);
            tables.add(new TableCheck(name, rows, other == null ? -1 : other, null, null));
            if (!rows.equals(other)) {
                findings.add(new Finding("rows", name, rows.toString(), other == null ? null : other.toString()));
            }
        });
        return new VerificationReport(List.of("rows"), tables, List.of(), findings);
    }

    private static Map<String, Long> counts(DatabaseEndpoint endpoint) {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = new PgConnector().open(endpoint); Statement st = c.createStatement()) {
            List<String[]> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(TABLES)) {
                while (rs.next()) {
                    names.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] n : names) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM "
                        + dev.rehome.core.Identifiers.qualified(n[0], n[1]))) {
                    rs.next();
                    out.put(n[0] + "." + n[1], rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new OperationFailedException("counting rows in " + endpoint.describe() + " failed: " + e.getMessage(), e);
        }
        return out;
    }
}
