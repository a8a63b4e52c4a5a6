package dev.rehome.kubectl.dump;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The privilege statements (GRANT, REVOKE, ALTER DEFAULT PRIVILEGES) of a plain-SQL schema dump, and which of
 * them can be replayed in a target that lacks some roles. Only statements under a pg_dump entry header of type
 * {@code ACL} or {@code DEFAULT ACL} are taken, so a function body that happens to contain the word GRANT is
 * never mistaken for one. Immutable.
 */
public record DumpedPrivileges(List<String> statements) {
    private static final String HEADER = "-- Name: ";

    public DumpedPrivileges {
        statements = List.copyOf(statements);
    }

    /** Reads a {@code pg_dump --format=plain --schema-only --no-owner} stream, keeping only privilege entries. */
    public static DumpedPrivileges read(BufferedReader plainDump) {
        List<String> out = new ArrayList<>();
        boolean inAcl = false;
        try {
            for (String line; (line = plainDump.readLine()) != null; ) {
                if (line.startsWith(HEADER)) {
                    inAcl = line.contains("; Type: ACL;") || line.contains("; Type: DEFAULT ACL;");
                } else if (inAcl && !line.isBlank() && !line.startsWith("--") && isPrivilegeStatement(line)) {
                    out.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DumpedPrivileges(out);
    }

    /** Statements whose roles all exist in {@code targetRoles}, and one notice for each one left out. */
    public Replay replayableIn(Set<String> targetRoles) {
        List<String> replay = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        for (String statement : statements) {
            List<String> missing = rolesNamed(statement).stream()
                    .filter(role -> !role.equals("public") && !targetRoles.contains(role))
                    .toList();
            if (missing.isEmpty()) {
                replay.add(statement);
            } else {
                notices.add(statement.replaceAll(";$", "") + " not replayed: role" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing) + (missing.size() > 1 ? " do" : " does")
                        + " not exist in the target");
            }
        }
        return new Replay(replay, notices);
    }

    /** What to run in the target, and what was left out and why. */
    public record Replay(List<String> statements, List<String> notices) {
        public Replay {
            statements = List.copyOf(statements);
            notices = List.copyOf(notices);
        }
    }

    private static boolean isPrivilegeStatement(String line) {
        String upper = line.stripLeading().toUpperCase(Locale.ROOT);
        return upper.startsWith("GRANT ") || upper.startsWith("REVOKE ") || upper.startsWith("ALTER DEFAULT PRIVILEGES ");
    }

    /**
     * The roles a statement names: the grantees after the last keyword TO or FROM, and the role after
     * {@code FOR ROLE}. {@code PUBLIC} comes back as {@code public}.
     */
    static Set<String> rolesNamed(String statement) {
        List<Token> tokens = Token.split(statement);
        Set<String> roles = new LinkedHashSet<>();
        int granteeStart = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isKeyword("TO") || t.isKeyword("FROM")) {
                granteeStart = i + 1;
            }
            if (t.isKeyword("FOR") && i + 2 < tokens.size()
                    && (tokens.get(i + 1).isKeyword("ROLE") || tokens.get(i + 1).isKeyword("USER"))) {
                collectRoles(tokens, i + 2, roles, "IN");
            }
        }
        if (granteeStart > 0) {
            collectRoles(tokens, granteeStart, roles, "WITH");
        }
        return roles;
    }

    private static void collectRoles(List<Token> tokens, int from, Set<String> roles, String stopKeyword) {
        for (int i = from; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isKeyword(stopKeyword) || t.isKeyword("GRANTED") || t.text().equals(";")) {
                return;
            }
            if (t.isKeyword("GROUP") || t.text().equals(",")) {
                continue;
            }
            roles.add(t.quoted() ? t.text() : t.text().toLowerCase(Locale.ROOT));
        }
    }

    /** A word, a quoted identifier (unescaped), or one punctuation character. */
    private record Token(String text, boolean quoted) {
        boolean isKeyword(String keyword) {
            return !quoted && text.equalsIgnoreCase(keyword);
        }

        static List<Token> split(String sql) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            while (i < sql.length()) {
                char c = sql.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '"') {
                    StringBuilder name = new StringBuilder();
                    i++;
                    while (i < sql.length()) {
                        char d = sql.charAt(i++);
                        if (d == '"' && i < sql.length() && sql.charAt(i) == '"') {
                            name.append('"');
                            i++;
                        } else if (d == '"') {
                            break;
                        } else {
                            name.append(d);
                        }
                    }
                    out.add(new Token(name.toString(), true));
                } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                    int start = i;
                    while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                            || sql.charAt(i) == '$')) {
                        i++;
                    }
                    out.add(new Token(sql.substring(start, i), false));
                } else {
                    out.add(new Token(String.valueOf(c), false));
                    i++;
                }
            }
            return out;
        }
    }
}
