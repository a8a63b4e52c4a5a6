package dev.rehome.kubectl.inventory;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;
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
        return ofAll(expression == null ? List.of() : List.of(expression));
    }

    /**
     * The longest gap between runs of any of several schedules together, e.g. pgBackRest's weekly full and daily
     * differential backups: any good backup restores.
     */
    static Optional<Duration> ofAll(List<String> expressions) {
        BitSet runs = new BitSet();
        Optional<Duration> shortestMacro = Optional.empty();
        for (String expression : expressions) {
            if (expression == null || expression.isBlank()) {
                continue;
            }
            String cron = expression.trim().replaceFirst("^(CRON_)?TZ=\\S+\\s+", "").toLowerCase(Locale.ROOT);
            Optional<Duration> macro = macro(cron);
            if (macro.isPresent()) {
                shortestMacro = shortestMacro.filter(d -> d.compareTo(macro.get()) <= 0).or(() -> macro);
                continue;
            }
            Optional<BitSet> fires = fires(cron);
            if (fires.isEmpty()) {
                continue;
            }
            runs.or(fires.get());
        }
        Optional<Duration> gap = longestGap(runs);
        if (gap.isPresent() && shortestMacro.isPresent()) {
            return Optional.of(gap.get().compareTo(shortestMacro.get()) < 0 ? gap.get() : shortestMacro.get());
        }
        return gap.isPresent() ? gap : shortestMacro;
    }

    private static Optional<Duration> macro(String cron) {
        switch (cron) {
            case "@hourly": return Optional.of(Duration.ofHours(1));
            case "@daily", "@midnight": return Optional.of(Duration.ofDays(1));
            case "@weekly": return Optional.of(Duration.ofDays(7));
            case "@monthly": return Optional.of(Duration.ofDays(31));
            case "@yearly", "@annually": return Optional.of(Duration.ofDays(366));
            default: break;
        }
        return cron.startsWith("@every ") ? Ages.goDuration(cron.substring("@every ".length())) : Optional.empty();
    }

    /** The minutes of the sample at which a five- or six-field cron runs. */
    private static Optional<BitSet> fires(String cron) {
        String[] fields = cron.split("\\s+");
        if (fields.length == 6) {
            fields = java.util.Arrays.copyOfRange(fields, 1, 6);
        }
        if (fields.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(fires(set(fields[0], 0, 59), set(fields[1], 0, 23), set(fields[2], 1, 31),
                    set(fields[3], 1, 12), weekdays(fields[4]),
                    !fields[2].equals("*") && !fields[2].equals("?"), !fields[4].equals("*") && !fields[4].equals("?")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static BitSet fires(BitSet minutes, BitSet hours, BitSet days, BitSet months, BitSet weekdays,
                                boolean domRestricted, boolean dowRestricted) {
        BitSet runs = new BitSet();
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
                    runs.set(day * 1440 + hour * 60 + minute);
                }
            }
        }
        return runs;
    }

    /** Two runs at least, so even a yearly schedule has a gap to measure. */
    private static Optional<Duration> longestGap(BitSet runs) {
        long longest = 0;
        int previous = runs.nextSetBit(0);
        for (int at = previous < 0 ? -1 : runs.nextSetBit(previous + 1); at >= 0; at = runs.nextSetBit(at + 1)) {
            longest = Math.max(longest, at - previous);
            previous = at;
        }
        return longest == 0 ? Optional.empty() : Optional.of(Duration.ofMinutes(longest));
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
