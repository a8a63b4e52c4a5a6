package dev.rehome.jdbc.verify;

import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import dev.rehome.jdbc.PgConnector;
import java.util.List;
import java.util.Locale;

/**
 * The SQL verifiers. Each compares a source and a target database read in parallel, each side in one read-only
 * snapshot, and never writes; combine them with {@link Verifier#allOf}.
 * <pre>{@code
 * VerificationReport report = Verifiers.forLevel("full").verify(source, target);
 * Verifier custom = Verifier.allOf(Verifiers.rowCounts(), Verifiers.ownership("app"));
 * }</pre>
 * Every {@link dev.rehome.core.Finding} names the check, the object and both values ({@code missing} for an
 * object on one side only), e.g.:
 * <ul>
 *   <li>{@code rows: public.players: source 4, target 3}</li>
 *   <li>{@code checksum: public.players: source 767d13ed95f5f5aa (4 rows), target 1b0c... (3 rows)}; a column
 *       on one side only: {@code checksum: public.players columns: source [id, name], target [id]}</li>
 *   <li>{@code sequence: public.ticket_seq: source 5001, target 1000} (the next value nextval() returns)</li>
 *   <li>{@code schema: index public.players_name_idx: source CREATE INDEX ..., target missing},
 *       {@code schema: enum public.status labels: source [a, b], target [a, c]}</li>
 *   <li>{@code large-objects: large object 424242: source sha256 ..., target sha256 ...}</li>
 *   <li>{@code ownership: table public.players: source expected app, target postgres}</li>
 * </ul>
 * Tables are compared as stored: leaf partitions and plain tables, each read with {@code ONLY}; partitioned
 * parents are not listed (their rows are their leaves'), so no row is counted twice.
 */
public final class Verifiers {
    /** Levels accepted by {@link #forLevel}. */
    public static final String NONE = "none";
    public static final String COUNTS = "counts";
    public static final String FULL = "full";
    /** Sessions per side for content checksums unless told otherwise. */
    public static final int DEFAULT_JOBS = 2;

    private Verifiers() {
    }

    /** Exact {@code count(*)} of every table (leaf partitions, not their parents) and populated materialized view. */
    public static Verifier rowCounts() {
        return new RowCountVerifier(connector());
    }

    /**
     * An order-independent content checksum of every table and populated materialized view, computed in each
     * server in one pass: a sum modulo 2^64 of a 64-bit hash of each row ({@code hash_record_extended} of its
     * stored values on PostgreSQL 14 and later, else {@code hashtextextended} of its text form), plus the row
     * count; only those two numbers per table reach this JVM. Equal across major versions for equal data;
     * catches duplicated rows, which an XOR checksum would not.
     */
    public static Verifier contentChecksums() {
        return contentChecksums(DEFAULT_JOBS);
    }

    /**
     * {@link #contentChecksums()} with {@code jobs} sessions per side streaming tables at the same time; all
     * sessions of a side share one exported snapshot, so the result still describes one moment of each database.
     */
    public static Verifier contentChecksums(int jobs) {
        return new ContentChecksumVerifier(connector(), jobs);
    }

    /** Every sequence's next value ({@code last_value}, {@code is_called} and the increment taken together). */
    public static Verifier sequences() {
        return new SequenceVerifier(connector());
    }

    /** Schema objects by name and definition; extension versions are informational. */
    public static Verifier schemaInventory() {
        return new SchemaInventoryVerifier(connector());
    }

    /** Number of large objects and the SHA-256 of each one, by OID. */
    public static Verifier largeObjects() {
        return new LargeObjectVerifier(connector());
    }

    /**
     * Object ownership. With a role, every object in the target must be owned by it (the source is not read);
     * with null, each object's owner must be the same on both sides.
     */
    public static Verifier ownership(String expectedOwnerOrNull) {
        return new OwnershipVerifier(connector(), expectedOwnerOrNull);
    }

    /**
     * The verifiers of a CLI level: {@code none} checks nothing (an empty report that passes), {@code counts} is
     * {@link #rowCounts()} and {@link #sequences()}, {@code full} adds {@link #contentChecksums()},
     * {@link #schemaInventory()} and {@link #largeObjects()}, all running at the same time. Ownership is not part of any level: add
     * {@link #ownership(String)} when the copy was asked to set an owner.
     *
     * @throws InvalidConfigurationException for any other level (exit code 2)
     */
    public static Verifier forLevel(String level) {
        return forLevel(level, DEFAULT_JOBS);
    }

    /** {@link #forLevel(String)} with {@code jobs} sessions per side for the content checksums of {@code full}. */
    public static Verifier forLevel(String level, int jobs) {
        if (jobs < 1) {
            throw new InvalidConfigurationException("--jobs must be at least 1, was " + jobs);
        }
        String normalized = level == null ? "" : level.trim().toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case NONE -> (source, target) -> VerificationReport.empty();
            case COUNTS -> Verifier.allOf(rowCounts(), sequences());
            case FULL -> new ConcurrentVerifiers(List.of(rowCounts(), contentChecksums(jobs), sequences(),
                    schemaInventory(), largeObjects()));
            default -> throw new InvalidConfigurationException("unknown verification level '" + level
                    + "'; use none, counts or full");
        };
    }

    private static PgConnector connector() {
        return new PgConnector("rehome-verify");
    }
}
