package dev.rehome.basketball;

import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.core.cutover.Invariant;
import java.time.Duration;
import java.util.List;

/**
 * basketball-api's move as the real cluster has it: the standalone postgres Deployment and its {@code postgres-data}
 * PVC (inside the overlay's {@code postgres.yaml}; the overlay's {@code pvc.yaml} is the photo uploads and is never
 * touched), the app's {@code BASKETBALL_DATABASE_URL}, the CNPG cluster {@code pal-e-postgres}, and the row counts
 * that must survive the move. {@code --config FILE} overrides any of them.
 */
public final class BasketballDefaults {
    private BasketballDefaults() {
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
