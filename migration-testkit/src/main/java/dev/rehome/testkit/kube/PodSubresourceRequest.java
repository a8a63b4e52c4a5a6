package dev.rehome.testkit.kube;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request for a pod's {@code exec} or {@code portforward} subresource, parsed from the request path:
 * {@code /api/v1/namespaces/NS/pods/NAME/exec?command=a&command=b&container=c&stdin=true}.
 */
record PodSubresourceRequest(String namespace, String pod, String subresource, Map<String, List<String>> query) {
    private static final Pattern PATH =
            Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/]+)/(exec|portforward|log)(?:\\?(.*))?$");

    PodSubresourceRequest {
        query = Map.copyOf(query);
    }

    static Optional<PodSubresourceRequest> parse(String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (m.group(4) != null) {
            for (String pair : m.group(4).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        query.replaceAll((k, v) -> List.copyOf(v));
        return Optional.of(new PodSubresourceRequest(decode(m.group(1)), decode(m.group(2)), m.group(3), query));
    }

    List<String> all(String key) {
        return query.getOrDefault(key, List.of());
    }

    Optional<String> first(String key) {
        return all(key).stream().findFirst();
    }

    boolean flag(String key) {
        return first(key).map("true"::equalsIgnoreCase).orElse(false);
    }

    String podKey() {
        return namespace + "/" + pod;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
