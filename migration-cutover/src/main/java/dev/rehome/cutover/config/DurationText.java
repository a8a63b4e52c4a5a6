package dev.rehome.cutover.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in YAML: {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s}, or ISO {@code PT5M}. */
final class DurationText {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([dhms])");

    private DurationText() {
    }

    static Duration parse(String text) {
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            };
        }
        return Duration.parse(t);
    }
}
