package dev.rehome.core.cutover;

import dev.rehome.core.InvalidConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The names a cutover is given, checked before anything is read or changed (exit 2, the key and the rule named),
 * so a name never reaches the cluster or a server mangled: Kubernetes names as the API server would insist on
 * them (a {@code ..}, a quote or an upper-case letter would only fail half-way through a run), PostgreSQL
 * identifiers within the 63 bytes the server would silently cut them to. The names rehome creates on the target
 * (database, role) are plain lower-case identifiers, so the Kubernetes objects named after them are valid too.
 */
public final class CutoverNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern TARGET_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern RESERVED = Pattern.compile("postgres|template[01]|streaming_replica|pg_.*|cnpg_.*");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]{1,253}");
    private static final int MAX_IDENTIFIER_BYTES = 63;

    private CutoverNames() {
    }

    /** Every name of {@code config}; the first bad one fails. */
    public static CutoverConfig check(CutoverConfig config) {
        CutoverConfig.Source s = config.source();
        label("source.namespace", s.namespace());
        subdomain("source.deployment", s.deployment());
        label("source.service", s.service());
        label("source.container", s.container());
        subdomain("source.pvc", s.pvc());
        identifier("source.database", s.database());
        CutoverConfig.App a = config.app();
        label("app.namespace", a.namespace());
        subdomain("app.deployment", a.deployment());
        label("app.container", a.container());
        matches("app.envVar", a.envVar(), ENV_NAME, "an env var name ([-._a-zA-Z][-._a-zA-Z0-9]*)");
        subdomain("app.connectionSecret", a.connectionSecret());
        matches("app.connectionSecretKey", a.connectionSecretKey(), SECRET_KEY, "a Secret key ([-._a-zA-Z0-9]+)");
        CutoverConfig.Target t = config.target();
        label("target.namespace", t.namespace());
        label("target.cluster", t.cluster());
        targetIdentifier("target.database", t.database());
        targetIdentifier("target.role", t.role());
        return config;
    }

    /** A target name (already checked) as it may appear in a Kubernetes object's name. */
    public static String inObjectName(String targetIdentifier) {
        return targetIdentifier.replace('_', '-');
    }

    /** A name rehome creates on the target: a plain lower-case identifier, not one the server or CNPG reserves. */
    public static void targetIdentifier(String key, String value) {
        if (value == null || !TARGET_IDENTIFIER.matcher(value).matches() || RESERVED.matcher(value).matches()) {
            throw new InvalidConfigurationException(key + " '" + value + "' must match [a-z_][a-z0-9_]{0,62} and not"
                    + " be reserved (postgres, template0/1, streaming_replica, pg_*, cnpg_*)");
        }
    }

    private static void identifier(String key, String value) {
        if (value == null || value.isEmpty() || value.indexOf('\0') >= 0
                || value.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
            throw new InvalidConfigurationException(key + " '" + value + "' must be a PostgreSQL name of 1 to 63"
                    + " bytes (longer ones are cut short by the server)");
        }
    }

    private static void label(String key, String value) {
        matches(key, value, LABEL, "a Kubernetes name: at most 63 of a-z, 0-9 and '-', starting and ending with a"
                + " letter or digit");
    }

    private static void subdomain(String key, String value) {
        if (value != null && value.length() > 253) {
            throw new InvalidConfigurationException(key + " is " + value.length() + " characters; a Kubernetes name"
                    + " has at most 253");
        }
        matches(key, value, SUBDOMAIN, "a Kubernetes name: a-z, 0-9, '-' and '.', each part starting and ending"
                + " with a letter or digit");
    }

    private static void matches(String key, String value, Pattern pattern, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new InvalidConfigurationException(key + " '" + value + "' is not " + rule);
        }
    }
}
