package dev.rehome.jdbc;

import dev.rehome.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A comparison of two databases written for the tests alone, sharing no code with rehome's verifiers or engine:
 * per table and materialized view the exact row count and an order-independent multiset digest of the rows'
 * text form (duplicates count), per sequence its position, per large object its owner-independent contents.
 * Sessions pin the output settings themselves so 15 and 17 print values alike.
 */
final class IndependentComparison {
    private static final String PIN = "SET search_path = pg_catalog; SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC';"
            + " SET IntervalStyle = postgres; SET extra_float_digits = 3; SET bytea_output = hex;";
    private static final String USER_NS = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'";

    private IndependentComparison() {
    }

    /** name -> "rows=N digest=..." for tables and matviews, "seq=last/called", "lo=md5". */
    static Map<String, String> fingerprint(PostgresServer server, String database) {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute(PIN);
            for (String rel : names(s, "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm') AND " + USER_NS
                    + " AND (c.relkind = 'r' OR c.relispopulated)")) {
                out.put("relation " + rel, one(s, "SELECT 'rows=' || count(*) || ' digest=' || coalesce(md5(string_agg("
                        + "md5(t::text), '' ORDER BY md5(t::text))), '-') FROM ONLY " + rel + " t"));
            }
            for (String seq : names(s, "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n"
                    + " ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND " + USER_NS)) {
                out.put("sequence " + seq, one(s, "SELECT last_value || '/' || is_called FROM " + seq));
            }
            for (String lo : names(s, "SELECT oid::text FROM pg_largeobject_metadata")) {
                out.put("large object " + lo, one(s, "SELECT md5(lo_get(" + Long.parseLong(lo) + "))"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static List<String> names(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Runs a query returning one value, on a fresh superuser session. */
    static String query(PostgresServer server, String database, String sql) {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute(PIN);
            return one(s, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
