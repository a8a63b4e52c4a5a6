package dev.rehome.jdbc.copy;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.TableRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs schema DDL on the target. Pre-data runs in a few large transactions, in dump order. Post-data (see
 * {@link PostDataPlan}): index builds in parallel, most of them during the data copy ({@link IndexBuilder}),
 * then the rest (partition index attachments, foreign keys {@code NOT VALID}, triggers, rules, policies,
 * comments) one by one in dump order, which already respects their dependencies, then the foreign keys validated
 * in parallel.
 *
 * <p>Plain JDBC on purpose, unlike the engine's catalog reads: the statements are pg_dump's text, sent exactly as
 * written (escape processing off, never prepared). jdbi would parse them for {@code :name} and {@code ?}
 * parameters and read a backslash in a literal as an escape, which a function body or a comment may well hold.
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

    /**
     * Applies pre-data in batches (one round trip for many statements, {@link StatementBatch}); returns notices
     * for best-effort statements the target refused.
     */
    public List<String> applyPreData(DdlScript script) {
        List<String> notices = new ArrayList<>();
        try (Connection c = sessions.openTarget()) {
            c.setAutoCommit(false);
            int inTransaction = 0;
            try (StatementBatch batch = new StatementBatch(c, "pre-data")) {
                for (String statement : script.statements()) {
                    if (DdlScript.isBestEffort(statement)) {
                        batch.flush();
                        executeBestEffort(c, statement, notices);
                    } else if (StatementBatch.batchable(statement)) {
                        batch.add(statement);
                    } else {
                        batch.flush();
                        execute(c, statement, "pre-data");
                    }
                    if (++inTransaction == STATEMENTS_PER_TRANSACTION) {
                        batch.flush();
                        c.commit();
                        inTransaction = 0;
                    }
                }
                batch.flush();
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

    /**
     * The rest of post-data once the data is in and {@code indexes} has every loaded table's builds, all on the
     * builder's sessions: builds on relations the copy did not load (partitioned parents, materialized views), then
     * the ordered statements one by one, then the foreign-key validations side by side.
     */
    public void applyPostData(PostDataPlan plan, IndexBuilder indexes, Set<TableRef> loaded, PhaseTimer phases) {
        List<String> rest = plan.indexesNotOn(loaded);
        LOG.debug("post-data: {} more index builds, {} statements in order, {} foreign keys to validate", rest.size(),
                plan.ordered().size(), plan.validations().size());
        indexes.submit(rest);
        indexes.awaitAll();
        phases.end("indexes (after the data)");
        indexes.runInOrder(plan.ordered());
        phases.end("constraints, triggers and the rest");
        indexes.submit(plan.validations()); // each a scan of its table, side by side
        indexes.awaitAll();
        phases.end("foreign key validation");
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
