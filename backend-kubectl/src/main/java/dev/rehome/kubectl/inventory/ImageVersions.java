package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.EngineVersion;

import java.util.Map;
import java.util.Set;

/**
 * The server version an image tag states, for the images whose tags are server versions: Docker's official
 * images, the vendors' own and Bitnami's. Any other image's tag is the image builder's version ({@code ledger-db:3.1}
 * runs some PostgreSQL, not PostgreSQL 3.1), so the version stays unknown and says why.
 *
 * <p>A registry in front of the path is ignored: pull-through mirrors keep the official path.
 */
final class ImageVersions {
    /** Repository paths (without registry and {@code library/}) whose tags lead with the server version. */
    private static final Map<DataEngine, Set<String>> VERSIONED = Map.ofEntries(
            Map.entry(DataEngine.POSTGRESQL, Set.of("postgres", "bitnami/postgresql", "bitnami/postgresql-repmgr",
                    "cloudnative-pg/postgresql", "postgis/postgis", "pgvector/pgvector", "timescale/timescaledb-ha")),
            Map.entry(DataEngine.MYSQL, Set.of("mysql", "mysql/mysql-server", "bitnami/mysql", "percona",
                    "percona/percona-server")),
            Map.entry(DataEngine.MARIADB, Set.of("mariadb", "bitnami/mariadb", "bitnami/mariadb-galera")),
            Map.entry(DataEngine.MONGODB, Set.of("mongo", "bitnami/mongodb", "mongodb/mongodb-community-server",
                    "mongodb/mongodb-enterprise-server")),
            Map.entry(DataEngine.REDIS, Set.of("redis", "bitnami/redis", "redis/redis-stack-server")),
            Map.entry(DataEngine.VALKEY, Set.of("valkey/valkey", "bitnami/valkey")),
            Map.entry(DataEngine.ELASTICSEARCH, Set.of("elasticsearch", "elasticsearch/elasticsearch",
                    "bitnami/elasticsearch")),
            Map.entry(DataEngine.OPENSEARCH, Set.of("opensearchproject/opensearch", "bitnami/opensearch")),
            Map.entry(DataEngine.CLICKHOUSE, Set.of("clickhouse/clickhouse-server", "clickhouse", "bitnami/clickhouse")),
            Map.entry(DataEngine.INFLUXDB, Set.of("influxdb", "bitnami/influxdb")),
            Map.entry(DataEngine.ETCD, Set.of("bitnami/etcd", "coreos/etcd", "etcd-development/etcd")),
            Map.entry(DataEngine.RABBITMQ, Set.of("rabbitmq", "bitnami/rabbitmq")),
            Map.entry(DataEngine.KAFKA, Set.of("bitnami/kafka", "apache/kafka", "confluentinc/cp-kafka")),
            Map.entry(DataEngine.CASSANDRA, Set.of("cassandra", "bitnami/cassandra")));

    private ImageVersions() {
    }

    static EngineVersion fromImage(DataEngine engine, String image) {
        String path = ImageName.path(image);
        if (!VERSIONED.getOrDefault(engine, Set.of()).contains(path)) {
            return EngineVersion.unknown("image " + image + " is not an official " + engine.label()
                    + " image, so its tag is not a server version");
        }
        String version = ImageName.version(image);
        if (version.isEmpty()) {
            String tag = ImageName.tag(image);
            return EngineVersion.unknown("image " + image + (tag.isEmpty() ? " has no tag" : " has tag '" + tag + "'")
                    + ", which names no version");
        }
        return new EngineVersion(version, EngineVersion.Source.IMAGE, "tag of official image " + image);
    }
}
