package dev.rehome.core;

import java.util.Objects;

/**
 * Rows and (at level full) the content checksum of one table on both sides. Checksums are null when only
 * counts were compared.
 */
public record TableCheck(String table, long sourceRows, long targetRows, String sourceChecksum,
                         String targetChecksum) {
    public TableCheck {
        Objects.requireNonNull(table, "table");
    }

    public boolean match() {
        return sourceRows == targetRows && Objects.equals(sourceChecksum, targetChecksum);
    }
}
