package dev.rehome.kubectl.inventory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Data stores the audit recognises, by image name (the last path segment, without tag) or, failing that, by the
 * port they listen on. Each knows where it keeps its data and whether it copies data between its own replicas.
 */
enum DataEngine {
    POSTGRESQL("postgresql", Set.of("postgres", "postgresql", "postgis", "timescaledb", "timescaledb-ha", "pgvector",
            "postgresql-repmgr", "spilo", "spilo-15", "spilo-16", "spilo-17", "crunchy-postgres", "supabase-postgres"),
            List.of(5432), List.of("/var/lib/postgresql", "/bitnami/postgresql", "/home/postgres/pgdata", "/pgdata"),
            false),
    MYSQL("mysql", Set.of("mysql", "mysql-server", "percona-server", "percona"), List.of(3306),
            List.of("/var/lib/mysql", "/bitnami/mysql"), false),
    MARIADB("mariadb", Set.of("mariadb", "mariadb-galera"), List.of(),
            List.of("/var/lib/mysql", "/bitnami/mariadb"), false),
    MONGODB("mongodb", Set.of("mongo", "mongodb", "mongodb-community-server", "mongodb-enterprise-server"),
            List.of(27017), List.of("/data/db", "/bitnami/mongodb"), true),
    REDIS("redis", Set.of("redis", "redis-stack-server", "redis-stack"), List.of(6379),
            List.of("/data", "/bitnami/redis"), false),
    VALKEY("valkey", Set.of("valkey"), List.of(), List.of("/data", "/bitnami/valkey"), false),
    ELASTICSEARCH("elasticsearch", Set.of("elasticsearch"), List.of(9200),
            List.of("/usr/share/elasticsearch/data", "/bitnami/elasticsearch"), true),
    OPENSEARCH("opensearch", Set.of("opensearch"), List.of(),
            List.of("/usr/share/opensearch/data", "/bitnami/opensearch"), true),
    CLICKHOUSE("clickhouse", Set.of("clickhouse-server", "clickhouse"), List.of(8123, 9000),
            List.of("/var/lib/clickhouse", "/bitnami/clickhouse"), false),
    INFLUXDB("influxdb", Set.of("influxdb"), List.of(8086), List.of("/var/lib/influxdb", "/var/lib/influxdb2"),
            false),
    ETCD("etcd", Set.of("etcd"), List.of(2379), List.of("/var/run/etcd", "/var/lib/etcd", "/etcd-data",
            "/bitnami/etcd"), true),
    RABBITMQ("rabbitmq", Set.of("rabbitmq"), List.of(5672), List.of("/var/lib/rabbitmq", "/bitnami/rabbitmq"), true),
    KAFKA("kafka", Set.of("kafka", "cp-kafka", "cp-server"), List.of(9092),
            List.of("/var/lib/kafka", "/bitnami/kafka", "/kafka"), true),
    MINIO("minio", Set.of("minio"), List.of(), List.of("/data", "/export"), false),
    CASSANDRA("cassandra", Set.of("cassandra"), List.of(9042), List.of("/var/lib/cassandra", "/bitnami/cassandra"),
            true);

    private final String label;
    private final Set<String> imageNames;
    private final List<Integer> ports;
    private final List<String> dataDirectories;
    private final boolean replicatesItself;

    DataEngine(String label, Set<String> imageNames, List<Integer> ports, List<String> dataDirectories,
               boolean replicatesItself) {
        this.label = label;
        this.imageNames = imageNames;
        this.ports = ports;
        this.dataDirectories = dataDirectories;
        this.replicatesItself = replicatesItself;
    }

    String label() {
        return label;
    }

    List<String> dataDirectories() {
        return dataDirectories;
    }

    /** True when N replicas of it hold copies of each other's data (a replica set), not N separate stores. */
    boolean replicatesItself() {
        return replicatesItself;
    }

    static Optional<DataEngine> byImage(String image) {
        String name = ImageName.repository(image).toLowerCase(Locale.ROOT);
        for (DataEngine engine : values()) {
            if (engine.imageNames.contains(name)) {
                return Optional.of(engine);
            }
        }
        return Optional.empty();
    }

    static Optional<DataEngine> byPort(int port) {
        for (DataEngine engine : values()) {
            if (engine.ports.contains(port)) {
                return Optional.of(engine);
            }
        }
        return Optional.empty();
    }
}
