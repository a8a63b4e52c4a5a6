package dev.rehome.kubectl.inventory;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;

/**
 * The longest gap between two runs of a cron schedule: the period a backup is judged against ("completed within
 * two periods"). Five fields (Velero, Kubernetes CronJobs) or six with seconds first (CNPG), plus the
 * {@code @daily}-style macros and {@code @every 6h}. Found by walking two years run by run, which
 * handles lists, ranges, steps and the day-of-month/day-of-week OR rule without special cases.
 */
final class CronPeriod {
    private static final LocalDate SAMPLE_START = LocalDate.of(2025, 1, 1);
    /** Two whole years: every weekday and month pattern repeats inside, and yearly schedules run twice. */
    private static final int SAMPLE_DAYS = 730;

    private CronPeriod() {
    }

    static Optional<Duration> of(String expression) {
        if (expression == null || expression.isBlank()) {
            return Optional.empty();
        }
        String cron = expression.trim().replaceFirst("^(CRON_)?TZ=\\S+\\s+", "").toLowerCase(Locale.ROOT);
        switch (cron) {
            case "@hourly": return Optional.of(Duration.ofHours(1));
            case "@daily", "@midnight": return Optional.of(Duration.ofDays(1));
            case "@weekly": return Optional.of(Duration.ofDays(7));
            case "@monthly": return Optional.of(Duration.ofDays(31));
            case "@yearly", "@annually": return Optional.of(Duration.ofDays(366));
            default: break;
        }
        if (cron.startsWith("@every ")) {
            return Ages.goDuration(cron.substring("@every ".length()));
        }
        String[] fields = cron.split("\\s+");
        if (fields.length == 6) {
            fields = java.util.Arrays.copyOfRange(fields, 1, 6);
        }
        if (fields.length != 5) {
            return Optional.empty();
        }
        try {
            return longestGap(set(fields[0], 0, 59), set(fields[1], 0, 23), set(fields[2], 1, 31),
                    set(fields[3], 1, 12), weekdays(fields[4]),
                    !fields[2].equals("*") && !fields[2].equals("?"), !fields[4].equals("*") && !fields[4].equals("?"));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> longestGap(BitSet minutes, BitSet hours, BitSet days, BitSet months,
                                                 BitSet weekdays, boolean domRestricted, boolean dowRestricted) {
        long first = -1;
        long previous = -1;
        long longest = 0;
        for (int day = 0; day < SAMPLE_DAYS; day++) {
            LocalDate date = SAMPLE_START.plusDays(day);
            boolean domMatch = days.get(date.getDayOfMonth());
            boolean dowMatch = weekdays.get(date.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : date.getDayOfWeek().getValue());
            // cron's rule: when both day fields are restricted, either may match.
            boolean dayMatches = domRestricted && dowRestricted ? domMatch || dowMatch : domMatch && dowMatch;
            if (!months.get(date.getMonthValue()) || !dayMatches) {
                continue;
            }
            for (int hour = hours.nextSetBit(0); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
                for (int minute = minutes.nextSetBit(0); minute >= 0; minute = minutes.nextSetBit(minute + 1)) {
                    long at = day * 1440L + hour * 60L + minute;
                    if (first < 0) {
                        first = at;
                    } else {
                        longest = Math.max(longest, at - previous);
                    }
                    previous = at;
                }
            }
        }
        // Two runs at least, so even a yearly schedule has a gap to measure.
        return first < 0 || longest == 0 ? Optional.empty() : Optional.of(Duration.ofMinutes(longest));
    }

    /** 0 and 7 are both Sunday. */
    private static BitSet weekdays(String field) {
        BitSet set = set(field, 0, 7);
        if (set.get(7)) {
            set.set(0);
        }
        return set;
    }

    private static BitSet set(String field, int min, int max) {
        BitSet set = new BitSet();
        for (String part : field.split(",")) {
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
                from = Integer.parseInt(range.substring(0, range.indexOf('-')));
                to = Integer.parseInt(range.substring(range.indexOf('-') + 1));
            } else {
                from = Integer.parseInt(range);
                to = slash >= 0 ? max : from;
            }
            if (from < min || to > max || step < 1) {
                throw new IllegalArgumentException(field);
            }
            for (int value = from; value <= to; value += step) {
                set.set(value);
            }
        }
        return set;
    }
}
