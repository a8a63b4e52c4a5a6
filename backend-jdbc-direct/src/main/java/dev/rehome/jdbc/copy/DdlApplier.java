package dev.rehome.jdbc.copy;

import dev.rehome.core.OperationFailedException;
import dev.rehome.jdbc.copy.internal.ParallelWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs schema DDL on the target. Pre-data runs in a few large transactions, in dump order. Post-data
 * builds indexes and index-backed constraints in parallel (each a full table scan and sort; they are
 * independent), then runs the rest (partition index attachments, foreign keys, triggers, rules, policies,
 * comments) one by one in dump order, which already respects their dependencies.
 */
public final class DdlApplier {
    private static final Logger LOG = LoggerFactory.getLogger(DdlApplier.class);
    /**
     * Pre-data commits in batches: each CREATE TABLE holds a lock until commit, and one transaction over a schema
     * of thousands of tables would run out of lock slots ({@code max_locks_per_transaction}).
     */
    private static final int STATEMENTS_PER_TRANSACTION = 500;

    private final CopySessions sessions;

    public DdlApplier(CopySessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /** Applies pre-data; returns notices for best-effort statements the target refused. */
    public List<String> applyPreData(DdlScript script) {
        List<String> notices = new ArrayList<>();
        try (Connection c = sessions.openTarget()) {
            c.setAutoCommit(false);
            int inTransaction = 0;
            for (String statement : script.statements()) {
                if (DdlScript.isBestEffort(statement)) {
                    executeBestEffort(c, statement, notices);
                } else {
                    execute(c, statement, "pre-data");
                }
                if (++inTransaction == STATEMENTS_PER_TRANSACTION) {
                    c.commit();
                    inTransaction = 0;
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new OperationFailedException("pre-data DDL on " + sessions.target().describe() + " failed: "
                    + e.getMessage(), e);
        }
        return notices;
    }

    /**
     * A statement about an object the copy may not own on the target (a comment on an extension an administrator
     * installed before): a refusal is a notice, and a savepoint keeps it from spoiling the transaction.
     */
    private static void executeBestEffort(Connection c, String statement, List<String> notices) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            execute(c, statement, "pre-data");
            c.releaseSavepoint(savepoint);
        } catch (OperationFailedException e) {
            c.rollback(savepoint);
            notices.add(DdlScript.summary(statement) + " skipped: " + firstLine(e.getCause().getMessage()));
        }
    }

    public void applyPostData(DdlScript script, int jobs) {
        List<String> indexes = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String s : script.statements()) {
            (DdlScript.isIndexBuild(s) ? indexes : rest).add(s);
        }
        LOG.debug("post-data: {} index builds on {} sessions, then {} statements in order", indexes.size(), jobs,
                rest.size());
        new ParallelWork<Connection, String>("build-indexes").run(jobs, indexes, () -> {
            Connection c = sessions.openTarget();
            for (String setting : script.sessionSettings()) {
                execute(c, setting, "post-data");
            }
            return c;
        }, (c, statement) -> execute(c, statement, "post-data"));
        try (Connection c = sessions.openTarget()) {
            for (String statement : rest) {
                execute(c, statement, "post-data");
            }
        } catch (SQLException e) {
            throw new OperationFailedException("post-data DDL on " + sessions.target().describe() + " failed: "
                    + e.getMessage(), e);
        }
    }

    static void execute(Connection c, String statement, String section) {
        try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute(statement);
        } catch (SQLException e) {
            throw new OperationFailedException(section + " DDL failed at '" + DdlScript.summary(statement) + "': "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "no message" : message.lines().findFirst().orElse(message);
    }
}
