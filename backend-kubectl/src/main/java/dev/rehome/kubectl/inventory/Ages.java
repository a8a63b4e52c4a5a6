package dev.rehome.kubectl.inventory;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people and CNPG/Velero write them. */
final class Ages {
    private static final Pattern CNPG_RETENTION = Pattern.compile("^([1-9][0-9]*)([dwm])$");
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+)([hms])");

    private Ages() {
    }

    /** {@code 3h}, {@code 2d}, {@code 45m}. */
    static String describe(Duration age) {
        if (age.isNegative()) {
            return "0m";
        }
        if (age.toDays() >= 2) {
            return age.toDays() + "d";
        }
        if (age.toHours() >= 1) {
            return age.toHours() + "h";
        }
        return age.toMinutes() + "m";
    }

    /** CNPG's {@code retentionPolicy}: {@code 7d}, {@code 2w}, {@code 1m} (30 days). */
    static Optional<Duration> cnpgRetention(String policy) {
        if (policy == null) {
            return Optional.empty();
        }
        Matcher matcher = CNPG_RETENTION.matcher(policy.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long count = Long.parseLong(matcher.group(1));
        return Optional.of(switch (matcher.group(2)) {
            case "d" -> Duration.ofDays(count);
            case "w" -> Duration.ofDays(7 * count);
            default -> Duration.ofDays(30 * count);
        });
    }

    /** A Go duration such as Velero's ttl {@code 720h0m0s}. */
    static Optional<Duration> goDuration(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Matcher matcher = GO_DURATION.matcher(value);
        Duration total = Duration.ZERO;
        boolean found = false;
        while (matcher.find()) {
            found = true;
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(switch (matcher.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            });
        }
        return found ? Optional.of(total) : Optional.empty();
    }
}
