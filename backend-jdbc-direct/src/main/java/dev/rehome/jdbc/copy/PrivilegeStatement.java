package dev.rehome.jdbc.copy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The roles a privilege statement from pg_dump names: grantees of {@code GRANT ... TO} / {@code REVOKE ... FROM},
 * the {@code FOR ROLE} of default privileges, the role of {@code SET SESSION AUTHORIZATION}. {@code PUBLIC} is
 * not a role. Tokenizes just enough to ignore names and literals that merely contain the words TO or FROM.
 */
record PrivilegeStatement(String sql, Kind kind, List<String> roles) {
    enum Kind { GRANT_OR_REVOKE, SET_AUTHORIZATION, RESET_AUTHORIZATION }

    private record Token(String text, boolean quoted, int depth) {
        boolean is(String word) {
            return !quoted && text.equalsIgnoreCase(word);
        }
    }

    PrivilegeStatement {
        roles = List.copyOf(roles);
    }

    static PrivilegeStatement parse(String sql) {
        List<Token> tokens = tokenize(sql);
        if (tokens.size() >= 3 && tokens.get(0).is("SET") && tokens.get(1).is("SESSION")) {
            return new PrivilegeStatement(sql, Kind.SET_AUTHORIZATION, List.of(tokens.get(tokens.size() - 1).text()));
        }
        if (!tokens.isEmpty() && tokens.get(0).is("RESET")) {
            return new PrivilegeStatement(sql, Kind.RESET_AUTHORIZATION, List.of());
        }
        List<String> roles = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is("FOR") && (tokens.get(i + 1).is("ROLE") || tokens.get(i + 1).is("USER"))) {
                roles.addAll(roleList(tokens, i + 2));
            }
        }
        int grantees = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).depth() == 0 && (tokens.get(i).is("TO") || tokens.get(i).is("FROM"))) {
                grantees = i + 1;
            }
        }
        if (grantees > 0) {
            roles.addAll(roleList(tokens, grantees));
        }
        return new PrivilegeStatement(sql, Kind.GRANT_OR_REVOKE, roles);
    }

    private static List<String> roleList(List<Token> tokens, int from) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is(",") || t.is("GROUP")) {
                continue;
            }
            if (!t.quoted() && t.text().matches("(?i)IN|WITH|GRANTED|CASCADE|RESTRICT|GRANT|REVOKE")) {
                break;
            }
            if (!t.is("PUBLIC")) {
                out.add(t.quoted() ? t.text() : t.text().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static List<Token> tokenize(String sql) {
        List<Token> out = new ArrayList<>();
        int depth = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '"' || c == '\'') {
                StringBuilder b = new StringBuilder();
                int j = i + 1;
                while (j < sql.length()) {
                    if (sql.charAt(j) == c && j + 1 < sql.length() && sql.charAt(j + 1) == c) {
                        b.append(c);
                        j += 2;
                    } else if (sql.charAt(j) == c) {
                        break;
                    } else {
                        b.append(sql.charAt(j++));
                    }
                }
                if (c == '"') {
                    out.add(new Token(b.toString(), true, depth));
                }
                i = j + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int j = i;
                while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_'
                        || sql.charAt(j) == '$')) {
                    j++;
                }
                out.add(new Token(sql.substring(i, j), false, depth));
                i = j;
            } else {
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == ',') {
                    out.add(new Token(",", false, depth));
                }
                i++;
            }
        }
        return out;
    }
}
