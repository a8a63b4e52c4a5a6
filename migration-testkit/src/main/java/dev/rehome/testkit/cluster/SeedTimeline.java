package dev.rehome.testkit.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves fixture timestamps written for one moment ({@code describedAt}) to the clock a test or sandbox world runs
 * on, so "the last backup ran 10 hours ago" stays true on any date instead of going stale a week after the
 * fixture was written.
 *
 * <p>The move is by whole days: times of day stay as written, so a {@code lastScheduleTime} of 02:00 still sits on
 * the {@code '0 0 2 * * *'} schedule, and the clock's instant falls within the day after the moved
 * {@code describedAt}, so no fixture time lies in the clock's future. A clock at {@code describedAt} (or whole
 * days after it) sees the fixture exactly as written, moved by those days. Immutable.
 *
 * @param shift what is added to every fixture instant (a whole number of days, possibly negative)
 */
public record SeedTimeline(Duration shift) {
    /** RFC 3339 UTC timestamps as manifests carry them, e.g. {@code 2026-11-26T02:00:44Z} or with a fraction. */
    private static final Pattern TIMESTAMP = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z\\b");

    public SeedTimeline {
        Objects.requireNonNull(shift, "shift");
        if (!shift.equals(Duration.ofDays(shift.toDays()))) {
            throw new IllegalArgumentException("a seed timeline moves by whole days, got " + shift);
        }
    }

    /** Fixtures written as seen at {@code describedAt}, moved so that {@code clock} sees them as just written. */
    public static SeedTimeline of(Instant describedAt, Clock clock) {
        Duration between = Duration.between(describedAt, clock.instant());
        long days = Math.floorDiv(between.getSeconds(), Duration.ofDays(1).getSeconds());
        return new SeedTimeline(Duration.ofDays(days));
    }

    /**
     * A clock fixed {@code years} (of 365 days) after {@code reference}'s instant, at the time of day of
     * {@code writtenAt}: the fixture's own moment, years later, so tests can assert the same ages ("9h ago") as on
     * the day it was written. Tests pass the system clock as {@code reference} to run "years from today".
     */
    public static Clock yearsAhead(Instant writtenAt, Clock reference, int years) {
        Clock later = Clock.fixed(reference.instant().plus(Duration.ofDays(365L * years)), ZoneOffset.UTC);
        return Clock.fixed(of(writtenAt, later).at(writtenAt), ZoneOffset.UTC);
    }

    /** Fixtures exactly as written. */
    public static SeedTimeline asWritten() {
        return new SeedTimeline(Duration.ZERO);
    }

    /** Where a fixture instant lands on this timeline. */
    public Instant at(Instant fixtureTime) {
        return fixtureTime.plus(shift);
    }

    /** {@link #at(Instant)} for the text of a fixture timestamp, e.g. to build an expected line. */
    public Instant at(String fixtureTime) {
        return at(Instant.parse(fixtureTime));
    }

    /** The manifest text with every UTC timestamp in it moved; everything else (names, image tags) untouched. */
    public String redate(String manifest) {
        if (shift.isZero()) {
            return manifest;
        }
        Matcher m = TIMESTAMP.matcher(manifest);
        StringBuilder out = new StringBuilder(manifest.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(moved(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String moved(String timestamp) {
        try {
            return at(Instant.parse(timestamp)).toString();
        } catch (DateTimeParseException e) {
            return timestamp; // looks like a timestamp but is not one (e.g. month 13): leave it as written
        }
    }
}
