package dev.rehome.jdbc.copy;

import dev.rehome.jdbc.copy.internal.SqlScript;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One section of pg_dump's plain output, split into statements and sorted by what the engine does with them:
 * session settings (replayed on every session that runs part of the section), privilege statements (replayed
 * last and only where their roles exist), index builds (independent of each other, so run in parallel) and
 * everything else (run in dump order). Expects {@code --quote-all-identifiers} output. Immutable.
 */
public record DdlScript(List<String> sessionSettings, List<String> statements, List<String> privileges) {
    private static final String IDENT = "\"(?:[^\"]|\"\")+\"";
    private static final Pattern SETTING = Pattern.compile("^(SET (?!SESSION AUTHORIZATION)|SELECT pg_catalog\\.set_config\\()",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PRIVILEGE = Pattern.compile(
            "^(GRANT|REVOKE|ALTER DEFAULT PRIVILEGES|SET SESSION AUTHORIZATION|RESET SESSION AUTHORIZATION)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INDEX_BUILD = Pattern.compile("^(CREATE (UNIQUE )?INDEX |ALTER TABLE ONLY " + IDENT
            + "\\." + IDENT + "\\s+ADD CONSTRAINT " + IDENT + " (PRIMARY KEY|UNIQUE|EXCLUDE)\\b)");

    public DdlScript {
        sessionSettings = List.copyOf(sessionSettings);
        statements = List.copyOf(statements);
        privileges = List.copyOf(privileges);
    }

    public static DdlScript parse(String sql) {
        List<String> settings = new ArrayList<>();
        List<String> statements = new ArrayList<>();
        List<String> privileges = new ArrayList<>();
        for (String s : SqlScript.split(sql)) {
            if (PRIVILEGE.matcher(s).find()) {
                privileges.add(s);
                continue;
            }
            if (SETTING.matcher(s).find()) {
                settings.add(s);
            }
            statements.add(s);
        }
        return new DdlScript(settings, statements, privileges);
    }

    private static final Pattern BEST_EFFORT = Pattern.compile("^COMMENT ON (EXTENSION |SCHEMA \"public\" )");

    /** Statements on objects the target may already have under another owner; failing them loses only a comment. */
    static boolean isBestEffort(String statement) {
        return BEST_EFFORT.matcher(statement).find();
    }

    /** An index or index-backed constraint: builds on one table, independent of the others. */
    static boolean isIndexBuild(String statement) {
        return INDEX_BUILD.matcher(statement).find();
    }

    /** The first line of a statement, shortened, for messages. */
    static String summary(String statement) {
        String line = statement.strip().lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }
}
