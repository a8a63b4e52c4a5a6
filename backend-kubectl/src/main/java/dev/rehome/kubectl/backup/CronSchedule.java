package dev.rehome.kubectl.backup;

import dev.rehome.core.InvalidConfigurationException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A CNPG {@code ScheduledBackup} schedule read the way CNPG reads it (robfig/cron v1 default parser): SIX fields,
 * seconds first ({@code sec min hour dom month dow}), day-of-week optional. A five-field crontab such as
 * {@code 0 2 * * *} is therefore seconds=0, minutes=2, every hour: it runs hourly at HH:02:00, not daily at 2.
 * Also accepts {@code @daily}-style descriptors and {@code @every <duration>}. Immutable.
 */
public final class CronSchedule {
    private static final Map<String, String> DESCRIPTORS = Map.of(
            "@yearly", "0 0 0 1 1 *", "@annually", "0 0 0 1 1 *", "@monthly", "0 0 0 1 * *",
            "@weekly", "0 0 0 * * 0", "@daily", "0 0 0 * * *", "@midnight", "0 0 0 * * *", "@hourly", "0 0 * * * *");
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private final String expression;
    private final int fieldCount;
    private final Optional<Duration> every;
    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domStar;
    private final boolean dowStar;

    private CronSchedule(String expression, int fieldCount, Optional<Duration> every, String[] f) {
        this.expression = expression;
        this.fieldCount = fieldCount;
        this.every = every;
        seconds = f == null ? null : field(f[0], 0, 59, null);
        minutes = f == null ? null : field(f[1], 0, 59, null);
        hours = f == null ? null : field(f[2], 0, 23, null);
        daysOfMonth = f == null ? null : field(f[3], 1, 31, null);
        months = f == null ? null : field(f[4], 1, 12, MONTHS);
        daysOfWeek = f == null ? null : field(f[5], 0, 6, DAYS);
        domStar = f != null && isStar(f[3]);
        dowStar = f != null && isStar(f[5]);
    }

    /** Parses as CNPG does; throws {@link InvalidConfigurationException} for what CNPG would reject. */
    public static CronSchedule parse(String expression) {
        String text = expression == null ? "" : expression.trim();
        if (text.startsWith("@every ")) {
            return new CronSchedule(text, 0, Optional.of(parseDuration(text.substring(7).trim())), null);
        }
        if (text.startsWith("@")) {
            String six = DESCRIPTORS.get(text.toLowerCase(Locale.ROOT));
            if (six == null) {
                throw new InvalidConfigurationException("unknown cron descriptor '" + text + "'");
            }
            return new CronSchedule(text, 6, Optional.empty(), six.split(" "));
        }
        String[] parts = text.split("\\s+");
        if (parts.length == 5) {
            // robfig's default parser: the fields are sec min hour dom month, and dow is optional.
            return new CronSchedule(text, 5, Optional.empty(), new String[]{parts[0], parts[1], parts[2], parts[3], parts[4], "*"});
        }
        if (parts.length != 6) {
            throw new InvalidConfigurationException("schedule '" + text + "' has " + parts.length
                    + " fields; CNPG needs six: seconds minutes hours day-of-month month day-of-week");
        }
        return new CronSchedule(text, 6, Optional.empty(), parts);
    }

    public String expression() {
        return expression;
    }

    /** Whether the expression has the six fields (or a descriptor) CNPG expects; five fields is the hourly trap. */
    public boolean hasSixFields() {
        return fieldCount != 5;
    }

    /** The first time strictly after {@code after} the schedule fires, in {@code zone} (CNPG's operator: UTC). */
    public Instant nextAfter(Instant after, ZoneId zone) {
        if (every.isPresent()) {
            return after.plus(every.get());
        }
        ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        ZonedDateTime limit = t.plusYears(5);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            } else {
                int second = seconds.nextSetBit(t.getSecond());
                if (second >= 0) {
                    return t.withSecond(second).toInstant();
                }
                t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            }
        }
        throw new InvalidConfigurationException("schedule '" + expression + "' never fires");
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        return domStar || dowStar ? dom && dow : dom || dow;
    }

    private static boolean isStar(String f) {
        return f.startsWith("*") || f.startsWith("?");
    }

    private static BitSet field(String text, int min, int max, String[] names) {
        BitSet bits = new BitSet(max + 1);
        for (String part : text.split(",")) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = Integer.parseInt(part.substring(slash + 1));
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                from = value(range.substring(0, range.indexOf('-')), min, names);
                to = value(range.substring(range.indexOf('-') + 1), min, names);
            } else {
                from = value(range, min, names);
                to = slash >= 0 ? max : from;
            }
            if (from < min || to > max || from > to || step < 1) {
                throw new InvalidConfigurationException("cron field '" + text + "' is out of range " + min + "-" + max);
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int value(String text, int min, String[] names) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(text)) {
                    return names == MONTHS ? i + 1 : i;
                }
            }
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException("cron value '" + text + "' is not a number");
        }
    }

    private static Duration parseDuration(String go) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(h|m|s)").matcher(go);
        Duration d = Duration.ZERO;
        int consumed = 0;
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            consumed += m.group().length();
        }
        if (consumed != go.length() || d.isZero()) {
            throw new InvalidConfigurationException("cannot read '@every " + go + "'");
        }
        return d;
    }

    @Override
    public String toString() {
        return expression;
    }
}
