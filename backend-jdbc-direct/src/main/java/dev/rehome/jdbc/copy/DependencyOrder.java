package dev.rehome.jdbc.copy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Orders items so each comes after the items it needs (depth-first topological sort; cycles cannot occur in views). */
final class DependencyOrder {
    private DependencyOrder() {
    }

    static <V> List<V> sort(Map<Long, V> items, Map<Long, List<Long>> needs) {
        List<V> out = new ArrayList<>();
        Set<Long> done = new HashSet<>();
        for (Long id : items.keySet()) {
            visit(id, items, needs, done, new HashSet<>(), out);
        }
        return out;
    }

    private static <V> void visit(Long id, Map<Long, V> items, Map<Long, List<Long>> needs, Set<Long> done,
                                  Set<Long> path, List<V> out) {
        if (done.contains(id) || !path.add(id)) {
            return;
        }
        for (Long dep : needs.getOrDefault(id, List.of())) {
            visit(dep, items, needs, done, path, out);
        }
        done.add(id);
        if (items.containsKey(id)) {
            out.add(items.get(id));
        }
    }
}
