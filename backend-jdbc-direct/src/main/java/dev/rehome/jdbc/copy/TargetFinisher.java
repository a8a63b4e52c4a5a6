package dev.rehome.jdbc.copy;

import dev.rehome.core.Identifiers;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.TableRef;
import dev.rehome.jdbc.BorrowedHandles;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The target-side steps after the data: materialized views refreshed in dependency order (only those that held
 * data on the source), schema ownership handed to the owner role, and statistics gathered in parallel so the
 * first queries on the new home get good plans. The refresh goes through {@link DdlApplier#execute}, the one
 * place a DDL failure is worded; the schema list and the ownership changes go through jdbi.
 */
public final class TargetFinisher {
    private final CopySessions sessions;

    public TargetFinisher(CopySessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    public void refresh(List<SourceCatalog.MaterializedView> views) {
        try (Connection c = sessions.openTarget()) {
            for (SourceCatalog.MaterializedView v : views) {
                if (v.populated()) {
                    DdlApplier.execute(c, "REFRESH MATERIALIZED VIEW " + v.view().sql(), "materialized view");
                }
            }
        } catch (SQLException e) {
            throw new OperationFailedException("cannot refresh materialized views: " + e.getMessage(), e);
        }
    }

    /**
     * Hands the schemas not created by the copy itself ({@code public}) to the owner role. Returns notices for
     * schemas whose ownership could not be changed.
     */
    public List<String> ownSchemas(String owner) {
        List<String> notices = new ArrayList<>();
        String sql = "SELECT n.nspname FROM pg_catalog.pg_namespace n WHERE n.nspname !~ '^pg_'"
                + " AND n.nspname <> 'information_schema' AND n.nspowner <> (SELECT oid FROM pg_catalog.pg_roles"
                + " WHERE rolname = ?)";
        try (Connection c = sessions.openTarget()) {
            List<String> schemas = BorrowedHandles.query(c, h -> h.createQuery(sql).bind(0, owner)
                    .mapTo(String.class).list());
            for (String schema : schemas) {
                try {
                    // each schema on its own: a refusal becomes a notice and the next schema is still tried
                    BorrowedHandles.run(c, h -> h.execute("ALTER SCHEMA " + Identifiers.quote(schema) + " OWNER TO "
                            + Identifiers.quote(owner)));
                } catch (SQLException e) {
                    notices.add("schema " + schema + " stays with its owner: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        } catch (SQLException e) {
            throw new OperationFailedException("cannot hand schemas to role " + owner + ": " + e.getMessage(), e);
        }
        return notices;
    }

    /** {@code ANALYZE} of each relation, side by side on the sessions that built the indexes. */
    public void analyze(List<TableRef> relations, IndexBuilder sessions) {
        sessions.submit(relations.stream().map(rel -> "ANALYZE " + rel.sql()).toList());
        sessions.awaitAll();
    }
}
