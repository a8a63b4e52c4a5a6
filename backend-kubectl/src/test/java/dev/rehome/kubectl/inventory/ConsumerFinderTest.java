package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.DataConsumer;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who reaches a database, and who only looks like it does. */
class ConsumerFinderTest {
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private static final String DATABASE = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: postgres, namespace: shop}
            spec:
              template:
                metadata: {labels: {app: postgres}}
                spec:
                  containers:
                  - name: postgres
                    image: postgres:16
                    env: [{name: POSTGRES_PASSWORD, valueFrom: {secretKeyRef: {name: postgres-auth, key: password}}}]
            """;
    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: postgres, namespace: shop}
            spec: {selector: {app: postgres}}
            """;

    private static Deployment deployment(String namespace, String name, String containerYaml) {
        return YAML.unmarshal("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, namespace: %s}
                spec:
                  template:
                    spec:
                %s
                """.formatted(name, namespace, containerYaml.indent(6)), Deployment.class);
    }

    private static List<DataConsumer> consumers(List<Deployment> deployments, List<CronJob> cronJobs) {
        StatefulSet database = YAML.unmarshal(DATABASE, StatefulSet.class);
        ClusterInventory inventory = new ClusterInventory(deployments, List.of(database), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(YAML.unmarshal(SERVICE, Service.class)), cronJobs, Map.of(),
                List.of(), 0);
        return new ConsumerFinder(inventory).consumersOf(Workload.of(database), "postgres");
    }

    @Test
    void envHostsUrlsSecretsAndMountedSecretsCount() {
        List<DataConsumer> found = consumers(List.of(
                deployment("shop", "web", "containers: [{name: web, env: [{name: DB_HOST, value: postgres}]}]"),
                deployment("shop", "api", "containers: [{name: api, env: [{name: DATABASE_URL, "
                        + "value: 'postgresql://app@postgres:5432/shop'}]}]"),
                deployment("shop", "worker", "containers: [{name: w, envFrom: [{secretRef: {name: postgres-auth}}]}]"),
                deployment("shop", "files", "containers: [{name: f}]\nvolumes: [{name: creds, secret: {secretName: postgres-auth}}]"),
                deployment("billing", "invoices", "containers: [{name: i, env: [{name: PGHOST, "
                        + "value: postgres.shop.svc.cluster.local}]}]")), List.of());

        assertThat(found).extracting(DataConsumer::qualifiedName)
                .containsExactly("billing/invoices", "shop/api", "shop/files", "shop/web", "shop/worker");
        assertThat(found.get(2).via()).isEqualTo("volume creds mounts Secret postgres-auth");
    }

    @Test
    void aUserNamedPostgresOrTheBareNameInAnotherNamespaceIsNotAConsumer() {
        List<DataConsumer> found = consumers(List.of(
                deployment("shop", "admin", "containers: [{name: a, env: [{name: POSTGRES_USER, value: postgres}], "
                        + "command: [psql, -U, postgres]}]"),
                deployment("other", "lookalike", "containers: [{name: l, env: [{name: DB_HOST, value: postgres}]}]"),
                deployment("other", "secret-twin", "containers: [{name: s, envFrom: [{secretRef: {name: postgres-auth}}]}]"),
                deployment("shop", "cache", "containers: [{name: c, env: [{name: DB_HOST, value: postgres-replica}]}]")),
                List.of());

        assertThat(found).isEmpty();
    }

    @Test
    void cronJobsWithAHostArgumentCount() {
        CronJob report = YAML.unmarshal("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly-report, namespace: shop}
                spec:
                  schedule: '0 5 * * *'
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers: [{name: r, command: [sh, -c, 'psql -h postgres -U app -f /q.sql']}]
                """, CronJob.class);

        assertThat(consumers(List.of(), List.of(report))).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("CronJob");
            assertThat(c.via()).isEqualTo("command names Service host postgres (container r)");
        });
    }
}
