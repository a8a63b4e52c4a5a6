package dev.rehome.cutover.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rehome.cutover.fleet.AppReference.Channel;
import dev.rehome.cutover.fleet.AppReference.Style;
import dev.rehome.testkit.kube.InProcessCluster;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scanner over real API objects (the mock API server in CRUD mode): env vars, envFrom keys and mounted files
 * that name the database's Service {@code db} in namespace {@code shop}, and the look-alikes that do not.
 */
@Timeout(60)
class AppReferenceScannerTest {
    private static final String LAYOUT = """
            apiVersion: v1
            kind: Secret
            metadata: {name: api-env, namespace: shop}
            stringData:
              DATABASE_URL: postgresql://shop:pw@db.shop.svc.cluster.local:5432/shop
              DB_USER: db
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: worker-conf, namespace: shop}
            stringData:
              database.properties: |
                pool.size=5
                jdbc.url=jdbc:postgresql://db.shop:5432/shop
                user=db
              unrelated.txt: db
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: report-conf, namespace: shop}
            data: {host: db, user: db}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: web
                    env:
                    - {name: DATABASE_URL, value: "postgresql://shop:pw@db:5432/shop"}
                    - {name: POSTGRES_USER, value: db}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  containers:
                  - name: api
                    image: api
                    envFrom: [{secretRef: {name: api-env}, prefix: APP_}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shadowed, namespace: shop}
            spec:
              selector: {matchLabels: {app: shadowed}}
              template:
                metadata: {labels: {app: shadowed}}
                spec:
                  containers:
                  - name: shadowed
                    image: shadowed
                    envFrom: [{secretRef: {name: api-env}}]
                    env: [{name: DATABASE_URL, value: "postgresql://shop:pw@elsewhere:5432/shop"}]
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: worker, namespace: shop}
            spec:
              serviceName: worker
              selector: {matchLabels: {app: worker}}
              template:
                metadata: {labels: {app: worker}}
                spec:
                  containers:
                  - name: worker
                    image: worker
                    volumeMounts: [{name: conf, mountPath: /etc/worker}]
                  volumes: [{name: conf, secret: {secretName: worker-conf}}]
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: report, namespace: shop}
            spec:
              schedule: "0 3 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: report
                        image: report
                        volumeMounts: [{name: conf, mountPath: /conf}]
                      volumes: [{name: conf, configMap: {name: report-conf, items: [{key: host, path: pghost}]}}]
            """;

    @Test
    void findsEnvVarsEnvFromKeysAndMountedFilesThatNameTheService() {
        try (InProcessCluster cluster = InProcessCluster.start()) {
            cluster.apply(new ByteArrayInputStream(LAYOUT.getBytes(StandardCharsets.UTF_8)));

            List<AppReference> refs = new AppReferenceScanner(cluster.client()).scan("shop", "db", "db");

            assertThat(refs).extracting(AppReference::kind, AppReference::workload, AppReference::envVar,
                            AppReference::channel, AppReference::style)
                    .containsExactlyInAnyOrder(
                            tuple("Deployment", "web", "DATABASE_URL", Channel.ENV, Style.URL),
                            tuple("Deployment", "api", "APP_DATABASE_URL", Channel.ENV_FROM, Style.URL),
                            tuple("StatefulSet", "worker", "/etc/worker/database.properties", Channel.FILE, Style.URL),
                            tuple("CronJob", "report", "/conf/pghost", Channel.FILE, Style.HOST));
            assertThat(refs).filteredOn(r -> !r.repointable()).extracting(AppReference::describe).containsExactlyInAnyOrder(
                    "Deployment api container api: env APP_DATABASE_URL through envFrom (envFrom Secret api-env key "
                            + "DATABASE_URL, a connection URL)",
                    "StatefulSet worker container worker: file /etc/worker/database.properties (Secret worker-conf key "
                            + "database.properties mounted as a file, a connection URL)",
                    "CronJob report container report: file /conf/pghost (ConfigMap report-conf key host mounted as a "
                            + "file, the host)");
            assertThat(refs.toString()).doesNotContain("pw@");
        }
    }

    @Test
    void aBareHostCountsOnlyUnderANameThatSaysHost() {
        ServiceHostMatcher matcher = new ServiceHostMatcher("db", "shop");

        assertThat(IndirectReferences.matchFile("user", "db", matcher)).isEmpty();
        assertThat(IndirectReferences.matchFile("config", "user: db\nname: db", matcher)).isEmpty();
        assertThat(IndirectReferences.matchFile("config", "user: db\nhost: \"db.shop\"", matcher)).contains(Style.HOST);
        assertThat(IndirectReferences.matchFile("config", "# pool\npostgres://u@db:5432/x", matcher)).contains(Style.URL);
        assertThat(IndirectReferences.match("PGHOST", "db", matcher)).contains(Style.HOST);
        assertThat(IndirectReferences.match("DB_USER", "db", matcher)).isEmpty();
    }
}
