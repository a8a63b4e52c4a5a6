package dev.rehome.kubectl.cnpg;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A CloudNativePG operator version, compared by major.minor.patch, and the features it gates. */
public record CnpgVersion(int major, int minor, int patch) implements Comparable<CnpgVersion> {
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** {@code managed.roles} in the Cluster spec. */
    public static final CnpgVersion MANAGED_ROLES = new CnpgVersion(1, 20, 0);
    /** The {@code Database} CR. */
    public static final CnpgVersion DATABASE_CR = new CnpgVersion(1, 25, 0);
    /** The {@code DatabaseRole} CR. */
    public static final CnpgVersion DATABASE_ROLE_CR = new CnpgVersion(1, 30, 0);

    /** Parses {@code 1.26.1}, {@code v1.26.1} or an image reference ending in such a tag. */
    public static Optional<CnpgVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String tag = text.contains(":") ? text.substring(text.lastIndexOf(':') + 1) : text;
        Matcher m = VERSION.matcher(tag);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        return Optional.of(new CnpgVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
    }

    public boolean atLeast(CnpgVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(CnpgVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
