package dev.rehome.kubectl.discovery;

import io.fabric8.kubernetes.api.model.Container;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises PostgreSQL server containers by image family or port, and reads a major-version hint from tags. */
final class PostgresImages {
    private static final Set<String> FAMILIES = Set.of(
            "postgres", "postgresql", "postgis", "timescaledb", "timescaledb-ha", "pgvector", "postgresql-repmgr");
    private static final Set<String> NOT_SERVERS = Set.of("pgbouncer", "exporter", "pgadmin", "backup", "pooler");
    private static final Pattern LEADING_MAJOR = Pattern.compile("^(?:pg)?(\\d{1,2})(?:[.\\-_]|$)");
    private static final Pattern PG_IN_TAG = Pattern.compile("pg(\\d{2})");

    private PostgresImages() {
    }

    /** Image family of {@code image} ({@code postgres}, {@code postgresql} for bitnami, ...), lower case. */
    static String family(String image) {
        String name = image.toLowerCase(Locale.ROOT);
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        return name.substring(name.lastIndexOf('/') + 1);
    }

    static boolean isBitnami(String image) {
        return image.toLowerCase(Locale.ROOT).contains("bitnami/postgresql");
    }

    static boolean isServer(Container c) {
        String family = family(c.getImage() == null ? "" : c.getImage());
        if (NOT_SERVERS.stream().anyMatch(family::contains)) {
            return false;
        }
        if (FAMILIES.contains(family)) {
            return true;
        }
        List<io.fabric8.kubernetes.api.model.ContainerPort> ports = c.getPorts();
        return ports != null && ports.stream().anyMatch(p -> Integer.valueOf(5432).equals(p.getContainerPort()));
    }

    /** {@code 16} from {@code postgres:16-alpine}, {@code postgis/postgis:16-3.4}, {@code pgvector:pg16}. */
    static OptionalInt majorHint(String image) {
        int colon = image.lastIndexOf(':');
        if (colon < 0 || colon < image.lastIndexOf('/')) {
            return OptionalInt.empty();
        }
        String tag = image.substring(colon + 1);
        Matcher m = LEADING_MAJOR.matcher(tag);
        if (m.find()) {
            return OptionalInt.of(Integer.parseInt(m.group(1)));
        }
        Matcher pg = PG_IN_TAG.matcher(tag);
        return pg.find() ? OptionalInt.of(Integer.parseInt(pg.group(1))) : OptionalInt.empty();
    }
}
