package dev.rehome.basketball.live;

import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.kube.PodEnvironment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source shapes of issue 11 as a real cluster holds them: the image and env of the standalone postgres
 * Deployment (what rehome discovers), the roles on the server, and the app's URL (always {@code basketball} with
 * {@link LiveBasketballWorld#SOURCE_PASSWORD}, as the seeded app Secret has it).
 */
enum LiveSourceShape {
    /** postgres:16-alpine: POSTGRES_USER basketball is a superuser and the app's login. */
    A_OFFICIAL_APP_IS_SUPERUSER,
    /** Bitnami: the app's basketball owns the database, and the postgres superuser's password is in the Secret. */
    B_BITNAMI_WITH_POSTGRES_PASSWORD,
    /** Bitnami without a postgres password: the app's own non-superuser owner login is all rehome holds. */
    C_ONLY_THE_OWNER_LOGIN,
    /** The container's login is the owner basketball_owner; the app logs in as basketball with grants. */
    D_SEPARATE_APP_ROLE;

    static final String OWNER = "basketball_owner";
    private static final String OWNER_PASSWORD = "sandbox-owner-pw";
    private static final String POSTGRES_PASSWORD = "sandbox-postgres-pw";

    /** Roles and ownership on the freshly loaded fixture (tables owned by postgres). */
    void seedRoles(PostgresServer source) {
        String pw = LiveBasketballWorld.SOURCE_PASSWORD;
        switch (this) {
            case A_OFFICIAL_APP_IS_SUPERUSER ->
                    source.execute("postgres", "CREATE ROLE basketball LOGIN SUPERUSER PASSWORD '" + pw + "'");
            case B_BITNAMI_WITH_POSTGRES_PASSWORD, C_ONLY_THE_OWNER_LOGIN -> {
                source.execute("postgres", "CREATE ROLE basketball LOGIN PASSWORD '" + pw + "'");
                ownAll(source, "basketball");
            }
            case D_SEPARATE_APP_ROLE -> {
                source.execute("postgres", "CREATE ROLE " + OWNER + " LOGIN PASSWORD '" + OWNER_PASSWORD + "'");
                source.execute("postgres", "CREATE ROLE basketball LOGIN PASSWORD '" + pw + "'");
                ownAll(source, OWNER);
                source.execute("basketball", "REVOKE CONNECT ON DATABASE basketball FROM PUBLIC;"
                        + " GRANT CONNECT ON DATABASE basketball TO basketball;"
                        + " GRANT USAGE ON SCHEMA public TO basketball;"
                        + " GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO basketball;"
                        + " GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO basketball");
            }
        }
    }

    /** What a program exec'd in the source pod finds in its env: the container's variables, as in a real pod. */
    PodEnvironment podEnvironment(PostgresServer source) {
        PodEnvironment pod = PodEnvironment.postgres(source);
        return switch (this) {
            case A_OFFICIAL_APP_IS_SUPERUSER -> pod.withEnv("POSTGRES_USER", "basketball")
                    .withEnv("POSTGRES_PASSWORD", LiveBasketballWorld.SOURCE_PASSWORD);
            case B_BITNAMI_WITH_POSTGRES_PASSWORD -> pod.withEnv("POSTGRESQL_USERNAME", "basketball")
                    .withEnv("POSTGRESQL_PASSWORD", LiveBasketballWorld.SOURCE_PASSWORD)
                    .withEnv("POSTGRESQL_POSTGRES_PASSWORD", POSTGRES_PASSWORD);
            case C_ONLY_THE_OWNER_LOGIN -> pod.withEnv("POSTGRESQL_USERNAME", "basketball")
                    .withEnv("POSTGRESQL_PASSWORD", LiveBasketballWorld.SOURCE_PASSWORD);
            case D_SEPARATE_APP_ROLE -> pod.withEnv("POSTGRESQL_USERNAME", OWNER).withEnv("POSTGRESQL_PASSWORD", OWNER_PASSWORD);
        };
    }

    /** The postgres Deployment's container and its credentials Secret as this shape's image has them. */
    void applyTo(KubernetesClient client) {
        if (this == A_OFFICIAL_APP_IS_SUPERUSER) {
            return;
        }
        Map<String, String> secret = new LinkedHashMap<>();
        secret.put("username", this == D_SEPARATE_APP_ROLE ? OWNER : "basketball");
        secret.put("password", this == D_SEPARATE_APP_ROLE ? OWNER_PASSWORD : LiveBasketballWorld.SOURCE_PASSWORD);
        if (this == B_BITNAMI_WITH_POSTGRES_PASSWORD) {
            secret.put("postgres-password", POSTGRES_PASSWORD);
        }
        client.secrets().inNamespace("basketball-api").withName("postgres-credentials").edit(s -> {
            Map<String, String> data = new LinkedHashMap<>();
            secret.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
            s.setData(data);
            return s;
        });
        List<EnvVar> env = new ArrayList<>(List.of(
                fromSecret("POSTGRESQL_USERNAME", "username"), fromSecret("POSTGRESQL_PASSWORD", "password"),
                new EnvVarBuilder().withName("POSTGRESQL_DATABASE").withValue("basketball").build()));
        if (secret.containsKey("postgres-password")) {
            env.add(fromSecret("POSTGRESQL_POSTGRES_PASSWORD", "postgres-password"));
        }
        client.apps().deployments().inNamespace("basketball-api").withName("postgres").edit(d -> bitnami(d, env));
    }

    private static Deployment bitnami(Deployment d, List<EnvVar> env) {
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        c.setImage("bitnami/postgresql:16.4.0");
        c.setEnv(env);
        // the chart's layout: the volume at /bitnami/postgresql, the data directory its data/
        c.getVolumeMounts().get(0).setMountPath("/bitnami/postgresql");
        return d;
    }

    private static EnvVar fromSecret(String name, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                .withName("postgres-credentials").withKey(key).endSecretKeyRef().endValueFrom().build();
    }

    private static void ownAll(PostgresServer source, String owner) {
        source.execute("postgres", "ALTER DATABASE basketball OWNER TO " + owner);
        source.execute("basketball", "ALTER SCHEMA public OWNER TO " + owner + "; DO $$DECLARE r record; BEGIN"
                + " FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'v', 'm', 'p')"
                // a serial's sequence follows its table and may not be given away alone
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
                + " AND d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP"
                + " EXECUTE format('ALTER %s public.%I OWNER TO " + owner + "',"
                + " CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'"
                + " ELSE 'TABLE' END, r.relname); END LOOP; END$$");
    }
}
