package dev.rehome.kubectl.inventory;

import java.util.Set;

/**
 * Which namespaces an audit looks at.
 *
 * @param namespaces the namespaces to audit; empty means every namespace the user may read
 */
public record AuditScope(Set<String> namespaces) {
    public AuditScope {
        namespaces = Set.copyOf(namespaces);
    }

    public static AuditScope allNamespaces() {
        return new AuditScope(Set.of());
    }

    public boolean includes(String namespace) {
        return namespaces.isEmpty() || namespaces.contains(namespace);
    }
}
