package dev.rehome.testkit.kube;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What cluster DNS answers for a pod in one namespace: {@code name.ns.svc.cluster.local}, {@code name.ns.svc} and
 * {@code name.ns} for every Service, and the bare {@code name} for Services of the pod's own namespace. A value
 * that is exactly such a name becomes its address; inside longer text (a shell script, a URL) only the dotted
 * forms are replaced, at name boundaries, so a word that happens to equal a Service name is left alone.
 */
final class ServiceNames {
    private final String namespace;
    private final Map<String, String> exact = new LinkedHashMap<>();
    private final Map<String, String> dotted = new LinkedHashMap<>();

    ServiceNames(String namespace) {
        this.namespace = namespace;
    }

    void add(String serviceNamespace, String name, String address) {
        for (String suffix : List.of(".svc.cluster.local", ".svc", "")) {
            String fqdn = name + "." + serviceNamespace + suffix;
            exact.put(fqdn, address);
            dotted.put(fqdn, address);
        }
        if (serviceNamespace.equals(namespace)) {
            exact.put(name, address);
        }
    }

    /** {@code value} with every Service name in it replaced by the Service's address. */
    String rewrite(String value) {
        if (value == null) {
            return null;
        }
        String whole = exact.get(value);
        if (whole != null) {
            return whole;
        }
        List<String> longestFirst = new ArrayList<>(dotted.keySet());
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        String out = value;
        for (String name : longestFirst) {
            Pattern p = Pattern.compile("(?<![A-Za-z0-9.-])" + Pattern.quote(name) + "(?![A-Za-z0-9-]|\\.[A-Za-z0-9])");
            out = p.matcher(out).replaceAll(Matcher.quoteReplacement(dotted.get(name)));
        }
        return out;
    }
}
