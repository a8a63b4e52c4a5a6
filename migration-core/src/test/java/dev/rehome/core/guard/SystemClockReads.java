package dev.rehome.core.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the places in Java source that read the wall clock instead of an injected {@link java.time.Clock}:
 * {@code Instant.now()}, {@code Clock.system*()}, {@code System.currentTimeMillis()}, any {@code X.now(...)} not
 * given a clock ({@code LocalDate.now()}, {@code ZonedDateTime.now(zone)}, ...), {@code new Date()} and
 * {@code Calendar.getInstance()}. Comments and string literals are blanked first, so a javadoc example or a log
 * message does not count; {@code System.nanoTime()} (durations, not dates) is fine. Stateless.
 */
final class SystemClockReads {
    private static final List<Pattern> ALWAYS = List.of(
            Pattern.compile("\\bClock\\s*\\.\\s*system\\w*\\s*\\("),
            Pattern.compile("\\bSystem\\s*\\.\\s*currentTimeMillis\\s*\\("),
            Pattern.compile("\\bnew\\s+(java\\.util\\.)?Date\\s*\\(\\s*\\)"),
            Pattern.compile("\\bnew\\s+(java\\.util\\.)?GregorianCalendar\\s*\\(\\s*\\)"),
            Pattern.compile("\\bCalendar\\s*\\.\\s*getInstance\\s*\\("));
    /** {@code now(...)}: fine only when handed a clock, e.g. {@code LocalDate.now(clock)}. */
    private static final Pattern NOW = Pattern.compile("\\.\\s*now\\s*\\(([^()]*)\\)");
    private static final Pattern CLOCK_ARGUMENT = Pattern.compile("(?i).*clock.*");

    /** One wall-clock read: 1-based line and the code that does it. */
    record Read(int line, String code) {
    }

    private SystemClockReads() {
    }

    static List<Read> in(String source) {
        String code = blankCommentsAndStrings(source);
        List<Read> reads = new ArrayList<>();
        for (Pattern p : ALWAYS) {
            Matcher m = p.matcher(code);
            while (m.find()) {
                reads.add(read(code, m.start(), m.group()));
            }
        }
        Matcher now = NOW.matcher(code);
        while (now.find()) {
            if (!CLOCK_ARGUMENT.matcher(now.group(1)).matches()) {
                reads.add(read(code, now.start(), now.group()));
            }
        }
        reads.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return reads;
    }

    private static Read read(String code, int offset, String what) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return new Read(line, what.strip());
    }

    /** Comments, string and char literals (text blocks too) become spaces; line breaks stay, so lines still count. */
    static String blankCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = blank(s, i, end < 0 ? s.length() : end, out);
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = blank(s, i, end < 0 ? s.length() : end + 2, out);
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                i = blank(s, i, end < 0 ? s.length() : end + 3, out);
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                i = blank(s, i, endOfLiteral(s, i), out);
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    private static int endOfLiteral(String s, int start) {
        char quote = s.charAt(start);
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote && s.charAt(i) != '\n') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, s.length());
    }

    private static int blank(String s, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            out.append(s.charAt(i) == '\n' ? '\n' : ' ');
        }
        return to;
    }
}
