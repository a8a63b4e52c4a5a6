package dev.rehome.sandbox;

import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.core.cutover.Invariant;
import java.time.Duration;
import java.util.List;

/**
 * The cutover of the seeded world: basketball-api's postgres into pal-e-postgres, named as in the real cluster the
 * seeds copy (app-basketball's defaults must agree, and a test there says so).
 */
public final class SeededCluster {
    private SeededCluster() {
    }

    public static CutoverConfig config() {
        return new CutoverConfig(
                new CutoverConfig.Source("basketball-api", "postgres", "postgres", "postgres", "postgres-data", "basketball"),
                new CutoverConfig.App("basketball-api", "basketball-api", "basketball-api", "BASKETBALL_DATABASE_URL",
                        "basketball-db-pal-e-postgres", "url",
                        "http://basketball-api.basketball-api.svc.cluster.local:8000/health"),
                new CutoverConfig.Target("postgres", "pal-e-postgres", "basketball", "basketball"),
                List.of(Invariant.count("players"), Invariant.count("registrations"), Invariant.count("teams"),
                        Invariant.count("parents"), Invariant.count("orders"),
                        Invariant.count("paid_orders", "orders", "status = 'paid'")),
                new CutoverConfig.GitOps("overlays/basketball-api/prod", "deployment-patch.yaml", "kustomization.yaml",
                        "postgres.yaml", List.of("pvc.yaml"), "rehome/basketball-api-to-pal-e-postgres"),
                new CutoverConfig.Retire(Duration.ofDays(7), List.of("photo-uploads")),
                new CutoverConfig.Deadlines(Duration.ofMinutes(5), Duration.ofMinutes(60), Duration.ofMinutes(30),
                        Duration.ofMinutes(5)));
    }
}
