package dev.rehome.cutover.fleet;

import dev.rehome.kubectl.discovery.ServiceHostNames;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells whether a config value points at one Service: the value is the Service's host name ({@code svc},
 * {@code svc.ns}, {@code svc.ns.svc}, {@code svc.ns.svc.cluster.local}, optionally with {@code :port}), or a URL
 * whose host is one of those ({@code postgresql://u:p@svc:5432/db}, {@code jdbc:postgresql://svc.ns/db}).
 * Immutable.
 */
final class ServiceHostMatcher {
    private static final Pattern URL_HOST = Pattern.compile("^(?:jdbc:)?[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/]*@)?([^:/?#,]+)");
    private final Set<String> names;

    ServiceHostMatcher(String service, String namespace) {
        this.names = new ServiceHostNames(service, namespace).all();
    }

    /** The style of reference when {@code value} points at the Service. */
    Optional<AppReference.Style> match(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        Matcher url = URL_HOST.matcher(v);
        if (url.find()) {
            return names.contains(url.group(1).toLowerCase(Locale.ROOT)) ? Optional.of(AppReference.Style.URL)
                    : Optional.empty();
        }
        String host = v.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
        return names.contains(host) ? Optional.of(AppReference.Style.HOST) : Optional.empty();
    }
}
