package dev.rehome.core.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.ErrorCode;
import dev.rehome.core.InvalidConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Catalogue case S-5: names given to the tool are checked before anything runs, never mangled on the way. */
class CutoverNamesTest {
    private static CutoverConfig config(UnaryOperator<CutoverConfig.Source> source, UnaryOperator<CutoverConfig.App> app,
                                        UnaryOperator<CutoverConfig.Target> target) {
        return new CutoverConfig(
                source.apply(new CutoverConfig.Source("basketball-api", "postgres", "postgres", "postgres",
                        "postgres-data", "Mixed \"Case\" db")),
                app.apply(new CutoverConfig.App("basketball-api", "basketball-api", "api", "BASKETBALL_DATABASE_URL",
                        "basketball-api-db", "url", "")),
                target.apply(new CutoverConfig.Target("postgres", "pal-e-postgres", "basketball_api", "basketball")),
                List.of(), new CutoverConfig.GitOps("overlays/x", "p.yaml", "k.yaml", "postgres.yaml", List.of(), "b"),
                new CutoverConfig.Retire(Duration.ofDays(7), List.of()),
                new CutoverConfig.Deadlines(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1),
                        Duration.ofMinutes(1)));
    }

    @Test
    void aHostileButFitSourceNameIsKeptForQuotingAndTheDefaultsPass() {
        CutoverConfig ok = config(s -> s, a -> a, t -> t);
        assertThat(CutoverNames.check(ok)).isSameAs(ok);
    }

    @Test
    void namesWithQuotesDotsOrTooManyBytesAreRefusedNamingTheKey() {
        refused(config(s -> s, a -> a, t -> new CutoverConfig.Target(t.namespace(), t.cluster(),
                "x\"; DROP DATABASE y; --", t.role())), "target.database");
        refused(config(s -> s, a -> a, t -> new CutoverConfig.Target(t.namespace(), t.cluster(), t.database(),
                "postgres")), "target.role");
        refused(config(s -> new CutoverConfig.Source("../kube-system", s.deployment(), s.service(), s.container(),
                s.pvc(), s.database()), a -> a, t -> t), "source.namespace");
        refused(config(s -> new CutoverConfig.Source(s.namespace(), "a..b", s.service(), s.container(), s.pvc(),
                s.database()), a -> a, t -> t), "source.deployment");
        refused(config(s -> new CutoverConfig.Source(s.namespace(), s.deployment(), s.service(), s.container(),
                s.pvc(), "é".repeat(32)), a -> a, t -> t), "source.database");
        refused(config(s -> s, a -> new CutoverConfig.App(a.namespace(), a.deployment(), a.container(), "URL'; x",
                a.connectionSecret(), a.connectionSecretKey(), a.healthUrl()), t -> t), "app.envVar");
        refused(config(s -> s, a -> a, t -> new CutoverConfig.Target("Postgres", t.cluster(), t.database(),
                t.role())), "target.namespace");
    }

    @Test
    void targetNamesAppearInObjectNamesAsValidKubernetesNames() {
        assertThat(CutoverNames.inObjectName("basketball_api")).isEqualTo("basketball-api")
                .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    }

    private static void refused(CutoverConfig config, String key) {
        assertThatThrownBy(() -> CutoverNames.check(config)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(key + " ")
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).errorCode()).isEqualTo(ErrorCode.USAGE));
    }
}
