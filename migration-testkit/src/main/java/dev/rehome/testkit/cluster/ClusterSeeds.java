package dev.rehome.testkit.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed manifests of the real cluster, as class-path resources under {@code dev/rehome/testkit/cluster/}, and
 * a loader that creates them in an API server (the fabric8 mock server in CRUD mode, or a real one).
 * <p>
 * The seeds are written as the cluster looked at {@link #SEEDED_AT} (the last scheduled backup ran at 02:00 that
 * day). Every reader names the clock its world runs on, and gets the timestamps moved to it by
 * {@link SeedTimeline} (whole days), so the seeded backups are as recent on any date as on the day they were
 * written; a clock fixed at {@code SEEDED_AT} sees them exactly as written. Passwords in the seeds are sandbox
 * fixtures. Stateless and thread-safe.
 */
public final class ClusterSeeds {
    /** The instant the seeds describe. */
    public static final Instant SEEDED_AT = Instant.parse("2026-11-26T12:00:00Z");

    private static final String FOLDER = "dev/rehome/testkit/cluster/";
    private static final List<String> FILES = List.of(
            "00-crds.yaml",
            "10-namespaces.yaml",
            "20-basketball-api-postgres.yaml",
            "21-basketball-api-app.yaml",
            "22-basketball-api-pods-volumes.yaml",
            "30-mcd-tracker.yaml",
            "31-pal-e-mail.yaml",
            "40-postgres-cnpg.yaml",
            "41-postgres-network-policy.yaml",
            "50-argocd.yaml");

    private ClusterSeeds() {
    }

    /** The seed files in the order they must be applied (CRDs and namespaces first). */
    public static List<String> files() {
        return FILES;
    }

    /** Class-path resource name of a seed file, e.g. {@code dev/rehome/testkit/cluster/00-crds.yaml}. */
    public static String resourceName(String file) {
        if (!FILES.contains(file)) {
            throw new IllegalArgumentException("no seed file '" + file + "'; known: " + FILES);
        }
        return FOLDER + file;
    }

    /** How the seeds' timestamps move for a world running on {@code clock}. */
    public static SeedTimeline timeline(Clock clock) {
        return SeedTimeline.of(SEEDED_AT, clock);
    }

    /** Opens one seed file with its timestamps moved to {@code clock}; the caller closes the stream. */
    public static InputStream open(String file, Clock clock) {
        try (InputStream in = ClusterSeeds.class.getClassLoader().getResourceAsStream(resourceName(file))) {
            if (in == null) {
                throw new IllegalStateException("seed file missing from the class path: " + resourceName(file));
            }
            String text = timeline(clock).redate(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed " + file, e);
        }
    }

    /** Every object of every seed file, parsed, dated for {@code clock}, in apply order. */
    public static List<HasMetadata> objects(KubernetesClient client, Clock clock) {
        List<HasMetadata> all = new ArrayList<>();
        for (String file : FILES) {
            try (InputStream in = open(file, clock)) {
                all.addAll(client.load(in).items());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read seed " + file, e);
            }
        }
        return all;
    }

    /**
     * Creates every seed object in the API server {@code client} talks to. Custom resources go through the
     * plural names their seeded CRDs declare, so no API discovery is needed. Timestamps are dated for {@code clock}.
     */
    public static void applyTo(KubernetesClient client, Clock clock) {
        Map<String, ResourceDefinitionContext> customKinds = new HashMap<>();
        for (HasMetadata object : objects(client, clock)) {
            if (object instanceof CustomResourceDefinition crd) {
                // An InProcessCluster installs the CNPG CRDs itself; the seeds only add what is missing.
                if (client.resource(crd).get() == null) {
                    client.resource(crd).create();
                }
                for (var version : crd.getSpec().getVersions()) {
                    ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                            .withGroup(crd.getSpec().getGroup())
                            .withVersion(version.getName())
                            .withKind(crd.getSpec().getNames().getKind())
                            .withPlural(crd.getSpec().getNames().getPlural())
                            .withNamespaced("Namespaced".equals(crd.getSpec().getScope()))
                            .build();
                    customKinds.put(crd.getSpec().getGroup() + "/" + version.getName() + "/"
                            + crd.getSpec().getNames().getKind(), context);
                }
            } else if (object instanceof GenericKubernetesResource generic) {
                ResourceDefinitionContext context = customKinds.get(generic.getApiVersion() + "/" + generic.getKind());
                if (context == null) {
                    throw new IllegalStateException("seed object of unknown kind " + generic.getApiVersion()
                            + " " + generic.getKind() + " named " + generic.getMetadata().getName());
                }
                var kind = client.genericKubernetesResources(context).inNamespace(generic.getMetadata().getNamespace());
                GenericKubernetesResource created = kind.resource(generic).create();
                Object status = generic.getAdditionalProperties().get("status");
                if (status != null && created.getAdditionalProperties().get("status") == null) {
                    // The CRD has a status subresource (as an InProcessCluster installs them), which drops status
                    // on create; the seeds' status is part of the picture, so write it through the subresource.
                    created.setAdditionalProperty("status", status);
                    kind.resource(created).updateStatus();
                }
            } else {
                client.resource(object).create();
            }
        }
    }
}
