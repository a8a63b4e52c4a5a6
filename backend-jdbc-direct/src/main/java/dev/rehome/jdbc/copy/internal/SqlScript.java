package dev.rehome.jdbc.copy.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a plain-SQL script as pg_dump writes it into single statements, so each can be run, classified and
 * reported on its own. It understands what can hide a semicolon: single-quoted and {@code E''} strings,
 * quoted identifiers, dollar-quoted bodies and both comment styles. psql meta-commands (a line starting with a
 * backslash between statements, such as pg_dump's {@code \restrict}) are dropped: they are not SQL.
 */
public final class SqlScript {
    private final String text;
    private int pos;

    private SqlScript(String text) {
        this.text = text;
    }

    /** The statements of {@code script}, trimmed, without their terminating semicolon and leading comments. */
    public static List<String> split(String script) {
        return new SqlScript(script).statements();
    }

    private List<String> statements() {
        List<String> out = new ArrayList<>();
        while (skipBetweenStatements()) {
            int start = pos;
            scanStatement();
            String statement = text.substring(start, pos).strip();
            if (pos < text.length()) {
                pos++; // the semicolon
            }
            if (!statement.isEmpty()) {
                out.add(statement);
            }
        }
        return out;
    }

    /** Skips whitespace, comments and meta-command lines; false at the end of the script. */
    private boolean skipBetweenStatements() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c) || c == ';') {
                pos++;
            } else if (startsWith("--")) {
                skipLineComment();
            } else if (startsWith("/*")) {
                skipBlockComment();
            } else if (c == '\\') {
                skipLineComment();
            } else {
                return true;
            }
        }
        return false;
    }

    private void scanStatement() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ';') {
                return;
            } else if (c == '\'') {
                boolean escapes = pos > 0 && (text.charAt(pos - 1) == 'E' || text.charAt(pos - 1) == 'e')
                        && (pos < 2 || !isIdentifierChar(text.charAt(pos - 2)));
                skipQuoted('\'', escapes);
            } else if (c == '"') {
                skipQuoted('"', false);
            } else if (c == '$' && (pos == 0 || !isIdentifierChar(text.charAt(pos - 1))) && dollarTag() != null) {
                skipDollarQuoted(dollarTag());
            } else if (startsWith("--")) {
                skipLineComment();
            } else if (startsWith("/*")) {
                skipBlockComment();
            } else {
                pos++;
            }
        }
    }

    private void skipQuoted(char quote, boolean backslashEscapes) {
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos += 2;
            } else if (c == quote) {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == quote) {
                    pos += 2;
                } else {
                    pos++;
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    /** {@code $tag$} at pos, or null when the dollar sign does not open a dollar quote (e.g. {@code $1}). */
    private String dollarTag() {
        int end = pos + 1;
        while (end < text.length() && isTagChar(text.charAt(end), end == pos + 1)) {
            end++;
        }
        return end < text.length() && text.charAt(end) == '$' ? text.substring(pos, end + 1) : null;
    }

    private void skipDollarQuoted(String tag) {
        int close = text.indexOf(tag, pos + tag.length());
        pos = close < 0 ? text.length() : close + tag.length();
    }

    private void skipLineComment() {
        int nl = text.indexOf('\n', pos);
        pos = nl < 0 ? text.length() : nl + 1;
    }

    private void skipBlockComment() {
        int depth = 0;
        while (pos < text.length()) {
            if (startsWith("/*")) {
                depth++;
                pos += 2;
            } else if (startsWith("*/")) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    private boolean startsWith(String s) {
        return text.startsWith(s, pos);
    }

    private static boolean isTagChar(char c, boolean first) {
        return Character.isLetter(c) || c == '_' || (!first && Character.isDigit(c));
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
