package dev.rehome.core.audit;

import java.util.Locale;
import java.util.Objects;

/**
 * A data store's server version, and how the audit knows it. An image tag is only a version when the image is
 * one whose tags are server versions (the official image): {@code ledger-db:3.1} says nothing about PostgreSQL.
 *
 * @param value  the version ({@code 16}, {@code 16.4}), {@code null} when unknown
 * @param source where it came from
 * @param detail the object it was read from, or why it is unknown
 */
public record EngineVersion(String value, Source source, String detail) {
    /** Where a version came from, most trustworthy first. */
    public enum Source {
        /** The running server answered ({@code SHOW server_version}). */
        SERVER,
        /** The operator's own resource declares it (CNPG status, Zalando/Crunchy spec). */
        OPERATOR,
        /** The tag of an image whose tags are server versions (the official image). */
        IMAGE,
        /** Not known; {@code detail} says why. */
        UNKNOWN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public EngineVersion {
        Objects.requireNonNull(source, "source");
        detail = detail == null ? "" : detail;
        if ((value == null || value.isBlank()) != (source == Source.UNKNOWN)) {
            throw new IllegalArgumentException("a version is known exactly when its source is not UNKNOWN");
        }
    }

    public static EngineVersion unknown(String why) {
        return new EngineVersion(null, Source.UNKNOWN, why);
    }

    public boolean known() {
        return source != Source.UNKNOWN;
    }
}
