package dev.rehome.jdbc.copy;

import dev.rehome.core.TableRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the engine does with post-data, in three parts. Index builds (and PRIMARY KEY/UNIQUE/EXCLUDE constraints,
 * which build one) are grouped by the table they are on, so each group can start as soon as its table is loaded.
 * The other statements run in dump order; a foreign key on a plain table is added {@code NOT VALID} there (no
 * scan, a moment's lock) and its {@code VALIDATE CONSTRAINT} is listed separately, to run in parallel at the end:
 * the result in the catalog is the same validated constraint. A key that was {@code NOT VALID} on the source stays
 * so, and one on a partitioned table is added as dumped (PostgreSQL before 18 cannot add it {@code NOT VALID}).
 * Expects {@code --quote-all-identifiers} output. Immutable.
 *
 * @param indexesByTable index builds per table they are on, in dump order
 * @param ordered        everything else, in dump order, foreign keys rewritten to {@code NOT VALID}
 * @param validations    {@code VALIDATE CONSTRAINT} for each rewritten foreign key; independent of each other
 * @param sessionSettings post-data's session settings, for every session that runs part of it
 * @param privileges     post-data's privilege statements (see {@link DdlScript#privileges()})
 */
public record PostDataPlan(Map<TableRef, List<String>> indexesByTable, List<String> ordered, List<String> validations,
                           List<String> sessionSettings, List<String> privileges) {
    private static final String IDENT = "\"(?:[^\"]|\"\")+\"";
    private static final Pattern INDEX_ON = Pattern.compile("^CREATE (?:UNIQUE )?INDEX " + IDENT
            + " ON (?:ONLY )?(" + IDENT + ")\\.(" + IDENT + ") ");
    private static final Pattern CONSTRAINT_ON = Pattern.compile("^ALTER TABLE ONLY (" + IDENT + ")\\.(" + IDENT
            + ")\\s+ADD CONSTRAINT (" + IDENT + ") ");
    private static final Pattern FOREIGN_KEY = Pattern.compile("^ALTER TABLE ONLY (" + IDENT + "\\." + IDENT
            + ")\\s+ADD CONSTRAINT (" + IDENT + ") FOREIGN KEY ", Pattern.DOTALL);
    private static final Pattern ALREADY_NOT_VALID = Pattern.compile("\\bNOT VALID\\s*$");

    public PostDataPlan {
        Map<TableRef, List<String>> copy = new LinkedHashMap<>();
        indexesByTable.forEach((t, s) -> copy.put(t, List.copyOf(s)));
        indexesByTable = Collections.unmodifiableMap(copy);
        ordered = List.copyOf(ordered);
        validations = List.copyOf(validations);
        sessionSettings = List.copyOf(sessionSettings);
        privileges = List.copyOf(privileges);
    }

    public static PostDataPlan of(DdlScript post) {
        Map<TableRef, List<String>> indexes = new LinkedHashMap<>();
        List<String> ordered = new ArrayList<>();
        List<String> validations = new ArrayList<>();
        for (String s : post.statements()) {
            Optional<TableRef> on = DdlScript.isIndexBuild(s) ? indexedTable(s) : Optional.empty();
            if (on.isPresent()) {
                indexes.computeIfAbsent(on.get(), k -> new ArrayList<>()).add(s);
                continue;
            }
            Matcher fk = FOREIGN_KEY.matcher(s);
            if (fk.find() && !ALREADY_NOT_VALID.matcher(s).find()) {
                ordered.add(s + " NOT VALID");
                validations.add("ALTER TABLE ONLY " + fk.group(1) + " VALIDATE CONSTRAINT " + fk.group(2));
            } else {
                ordered.add(s);
            }
        }
        return new PostDataPlan(indexes, ordered, validations, post.sessionSettings(), post.privileges());
    }

    /** The table an index build is on, from {@code CREATE INDEX ... ON} or {@code ALTER TABLE ONLY ... ADD CONSTRAINT}. */
    static Optional<TableRef> indexedTable(String statement) {
        Matcher m = INDEX_ON.matcher(statement);
        if (!m.find()) {
            m = CONSTRAINT_ON.matcher(statement);
            if (!m.find()) {
                return Optional.empty();
            }
        }
        return Optional.of(new TableRef(unquote(m.group(1)), unquote(m.group(2))));
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1).replace("\"\"", "\"");
    }

    /** Index builds on tables the copy does not load (partitioned parents, materialized views): run after the data. */
    public List<String> indexesNotOn(Set<TableRef> loaded) {
        List<String> out = new ArrayList<>();
        indexesByTable.forEach((t, s) -> {
            if (!loaded.contains(t)) {
                out.addAll(s);
            }
        });
        return out;
    }
}
