package dev.rehome.cutover.fleet;

import java.util.Locale;

/**
 * Derives a role name that is a valid unquoted PostgreSQL identifier from a namespace: lower case, every
 * character other than a-z, 0-9 and _ becomes _, a leading digit gets an {@code r_} prefix, at most 63 bytes.
 * {@code mcd-tracker} becomes {@code mcd_tracker}.
 */
public final class RoleNames {
    private static final int MAX = 63;

    private RoleNames() {
    }

    public static String fromNamespace(String namespace) {
        String r = namespace.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (r.isEmpty() || Character.isDigit(r.charAt(0))) {
            r = "r_" + r;
        }
        return r.length() > MAX ? r.substring(0, MAX) : r;
    }

    /** Whether {@code name} may be used as a role without quoting (what an operator passes with {@code --role}). */
    public static boolean valid(String name) {
        return name != null && name.matches("[a-z_][a-z0-9_]{0,62}");
    }
}
