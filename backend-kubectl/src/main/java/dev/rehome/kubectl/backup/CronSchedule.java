package dev.rehome.kubectl.backup;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.rehome.core.InvalidConfigurationException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backup schedule read the way the tool that runs it reads it; parsing and the next run come from cron-utils.
 * <ul>
 *   <li>{@link #cnpg}: CNPG's {@code ScheduledBackup} (robfig/cron's default parser): SIX fields, seconds first. A
 *   five-field crontab such as {@code 0 2 * * *} is seconds=0, minutes=2, every hour: it runs hourly at HH:02:00,
 *   not daily at 2 (day-of-week is optional there).</li>
 *   <li>{@link #standard}: Kubernetes CronJobs, Velero, K10: five fields, minutes first; six are read seconds first.</li>
 * </ul>
 * Both accept {@code @daily}-style descriptors, {@code @every <duration>} and a {@code CRON_TZ=}/{@code TZ=} prefix.
 * When day-of-month and day-of-week are both restricted, either one matching is enough (Vixie cron and robfig agree);
 * cron-utils matches both, so such a schedule is kept as the union of two schedules. Immutable.
 */
public final class CronSchedule {
    /** Long enough that every weekday and month pattern repeats, and a yearly schedule runs twice. */
    private static final Duration SAMPLE = Duration.ofDays(730);
    /** A schedule that repeats daily shows its longest gap within two days. */
    private static final Duration DAILY_SAMPLE = Duration.ofDays(2);
    /** Bounds the walk for very frequent schedules, whose longest gap shows long before this many runs. */
    private static final int MAX_RUNS = 20_000;
    private static final Pattern ZONE_PREFIX = Pattern.compile("^(?:CRON_)?TZ=(\\S+)\\s+");
    private static final Map<String, String> DESCRIPTORS = Map.of(
            "@yearly", "0 0 0 1 1 *", "@annually", "0 0 0 1 1 *", "@monthly", "0 0 0 1 * *",
            "@weekly", "0 0 0 * * 0", "@daily", "0 0 0 * * *", "@midnight", "0 0 0 * * *", "@hourly", "0 0 * * * *");
    private static final CronParser SECONDS_FIRST = new CronParser(definition());

    private final String expression;
    private final boolean fiveFieldTrap;
    private final Optional<ZoneId> zone;
    private final Optional<Duration> every;
    private final List<ExecutionTime> alternatives;
    private final boolean repeatsDaily;

    private CronSchedule(String expression, boolean fiveFieldTrap, Optional<ZoneId> zone, Optional<Duration> every,
                         String[] sixFields) {
        this.expression = expression;
        this.fiveFieldTrap = fiveFieldTrap;
        this.zone = zone;
        this.every = every;
        this.alternatives = sixFields == null ? List.of() : executionTimes(sixFields);
        this.repeatsDaily = sixFields != null && isStar(sixFields[3]) && isStar(sixFields[4]) && isStar(sixFields[5]);
    }

    /** Same as {@link #cnpg}: the schedules this package inspects are CNPG's. */
    public static CronSchedule parse(String expression) {
        return cnpg(expression);
    }

    /** Parses as CNPG does; throws {@link InvalidConfigurationException} for what CNPG would reject. */
    public static CronSchedule cnpg(String expression) {
        return read(expression, true);
    }

    /** Parses a Kubernetes/Velero/K10 schedule; throws {@link InvalidConfigurationException} when unreadable. */
    public static CronSchedule standard(String expression) {
        return read(expression, false);
    }

    private static CronSchedule read(String expression, boolean secondsFirst) {
        String text = expression == null ? "" : expression.trim();
        Optional<ZoneId> zone = Optional.empty();
        Matcher prefix = ZONE_PREFIX.matcher(text);
        if (prefix.find()) {
            zone = Optional.of(zone(prefix.group(1)));
            text = text.substring(prefix.end());
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("@every ")) {
            return new CronSchedule(expression.trim(), false, zone, Optional.of(goDuration(text.substring(7).trim())), null);
        }
        if (text.startsWith("@")) {
            String six = DESCRIPTORS.get(lower);
            if (six == null) {
                throw new InvalidConfigurationException("unknown cron descriptor '" + text + "'");
            }
            return new CronSchedule(expression.trim(), false, zone, Optional.empty(), six.split(" "));
        }
        String[] parts = text.isEmpty() ? new String[0] : text.split("\\s+");
        if (parts.length == 5) {
            String[] six = secondsFirst
                    // robfig's default parser: sec min hour dom month, and the day of week is optional.
                    ? new String[]{parts[0], parts[1], parts[2], parts[3], parts[4], "*"}
                    : new String[]{"0", parts[0], parts[1], parts[2], parts[3], parts[4]};
            return new CronSchedule(expression.trim(), secondsFirst, zone, Optional.empty(), six);
        }
        if (parts.length != 6) {
            throw new InvalidConfigurationException("schedule '" + text + "' has " + parts.length + " fields; "
                    + (secondsFirst ? "CNPG needs six: seconds minutes hours day-of-month month day-of-week"
                    : "expected five: minutes hours day-of-month month day-of-week"));
        }
        return new CronSchedule(expression.trim(), false, zone, Optional.empty(), parts);
    }

    public String expression() {
        return expression;
    }

    /** Whether CNPG reads this as intended; a five-field crontab is the hourly trap (always true for standard). */
    public boolean hasSixFields() {
        return !fiveFieldTrap;
    }

    /** The first time strictly after {@code after} the schedule fires, in {@code zone} unless the schedule names one. */
    public Instant nextAfter(Instant after, ZoneId defaultZone) {
        if (every.isPresent()) {
            return after.plus(every.get());
        }
        var start = after.atZone(zone.orElse(defaultZone));
        return alternatives.stream().map(e -> e.nextExecution(start)).flatMap(Optional::stream)
                .map(t -> t.toInstant()).min(Instant::compareTo)
                .orElseThrow(() -> new InvalidConfigurationException("schedule '" + expression + "' never fires"));
    }

    /** The longest gap between two runs: the period a backup is judged against ("completed within two periods"). */
    public Duration longestGap() {
        if (every.isPresent()) {
            return every.get();
        }
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        Instant end = start.plus(repeatsDaily ? DAILY_SAMPLE : SAMPLE);
        Instant previous = nextAfter(start, ZoneOffset.UTC);
        Duration longest = Duration.ZERO;
        for (int run = 0; run < MAX_RUNS && previous.isBefore(end); run++) {
            Instant next = nextAfter(previous, ZoneOffset.UTC);
            Duration gap = Duration.between(previous, next);
            longest = gap.compareTo(longest) > 0 ? gap : longest;
            previous = next;
        }
        return longest;
    }

    /**
     * The longest gap when several schedules back up the same data (a weekly full plus daily differentials: any
     * good backup restores), found by merging their runs; empty when none is readable.
     */
    public static Optional<Duration> longestGapOfAny(List<CronSchedule> schedules) {
        if (schedules.isEmpty()) {
            return Optional.empty();
        }
        if (schedules.size() == 1) {
            return Optional.of(schedules.get(0).longestGap());
        }
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        Instant end = start.plus(SAMPLE);
        Instant previous = nextOfAny(schedules, start);
        Duration longest = Duration.ZERO;
        for (int run = 0; run < MAX_RUNS && previous.isBefore(end); run++) {
            Instant next = nextOfAny(schedules, previous);
            Duration gap = Duration.between(previous, next);
            longest = gap.compareTo(longest) > 0 ? gap : longest;
            previous = next;
        }
        return Optional.of(longest);
    }

    /** Reads each standard schedule it can; the unreadable ones are left out. */
    public static List<CronSchedule> readableStandard(List<String> expressions) {
        List<CronSchedule> schedules = new ArrayList<>();
        for (String expression : expressions) {
            if (expression != null && !expression.isBlank()) {
                try {
                    schedules.add(standard(expression));
                } catch (InvalidConfigurationException e) {
                    // an unreadable schedule has no period; the caller judges against a default window
                }
            }
        }
        return schedules;
    }

    private static Instant nextOfAny(List<CronSchedule> schedules, Instant after) {
        return schedules.stream().map(s -> s.nextAfter(after, ZoneOffset.UTC)).min(Instant::compareTo).orElseThrow();
    }

    private List<ExecutionTime> executionTimes(String[] six) {
        String[] fields = Arrays.stream(six).map(f -> f.equals("?") ? "*" : f).toArray(String[]::new);
        List<String[]> variants = new ArrayList<>();
        if (!isStar(fields[3]) && !isStar(fields[5])) {
            variants.add(with(fields, 5, "*"));
            variants.add(with(fields, 3, "*"));
        } else {
            variants.add(fields);
        }
        List<ExecutionTime> times = new ArrayList<>();
        for (String[] variant : variants) {
            try {
                times.add(ExecutionTime.forCron(SECONDS_FIRST.parse(String.join(" ", variant))));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("schedule '" + expression + "' cannot be read: " + e.getMessage());
            }
        }
        return times;
    }

    private static String[] with(String[] fields, int index, String value) {
        String[] copy = fields.clone();
        copy[index] = value;
        return copy;
    }

    private static boolean isStar(String field) {
        return field.equals("*") || field.equals("?");
    }

    /** Six fields, seconds first; the day fields must BOTH match, which {@link #executionTimes} relies on. */
    private static CronDefinition definition() {
        return CronDefinitionBuilder.defineCron()
                .withSeconds().and().withMinutes().and().withHours().and()
                .withDayOfMonth().and().withMonth().and()
                .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).and()
                .matchDayOfWeekAndDayOfMonth()
                .instance();
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new InvalidConfigurationException("unknown time zone '" + id + "' in the schedule");
        }
    }

    /** Go's duration syntax ({@code 1h30m}) is ISO-8601's time part without the {@code PT}. */
    private static Duration goDuration(String go) {
        try {
            Duration d = Duration.parse("PT" + go.toUpperCase(Locale.ROOT));
            if (d.isZero() || d.isNegative()) {
                throw new InvalidConfigurationException("'@every " + go + "' must be positive");
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidConfigurationException("cannot read '@every " + go + "'");
        }
    }

    @Override
    public String toString() {
        return expression;
    }
}
