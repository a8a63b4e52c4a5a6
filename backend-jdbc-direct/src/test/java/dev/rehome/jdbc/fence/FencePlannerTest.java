package dev.rehome.jdbc.fence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.jdbc.fence.CredentialShape.LoginFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

class FencePlannerTest {
    private static LoginFacts login(String role, boolean superuser, boolean owner, boolean canSignal) {
        return new LoginFacts(role, superuser, false, owner, canSignal, true, "Secret s key " + role);
    }

    private static CredentialShape shape(String owner, String app, boolean appSuper, List<LoginFacts> logins) {
        return new CredentialShape("shop", owner, app, appSuper, true, true, app.equals(owner), logins);
    }

    @Test
    void officialImageAppIsTheOnlySuperuserSoRehomeWorksThroughAMigrationRoleAndTheAppGoesNologin() {
        FencePlan plan = FencePlanner.choose(shape("shop", "shop", true, List.of(login("shop", true, true, true))));

        assertThat(plan).isInstanceOfSatisfying(FencePlan.DisableLogin.class, p -> {
            assertThat(p.appRole()).isEqualTo("shop");
            assertThat(p.operatorRole()).isEqualTo("shop");
            assertThat(p.migrationRole()).isTrue();
            assertThat(p.revokePublic()).isTrue();
        });
        FenceHandle h = FenceHandle.of((FencePlan.Fence) plan, "Run-42");
        assertThat(h.sessionRole()).isEqualTo("rehome_run_42");
        assertThat(h.needsFenceSecret()).isTrue();
        assertThat(h.actions()).containsExactly(new FenceAction.CreateMigrationRole("rehome_run_42", true),
                new FenceAction.DisableLogin("shop"), new FenceAction.RevokePublicConnect("shop"),
                new FenceAction.TerminateSessions("shop", List.of("shop"), "shop"));
    }

    @Test
    void superuserAppWithAnotherHeldSuperuserNeedsNoMigrationRole() {
        FencePlan plan = FencePlanner.choose(shape("shop", "shop", true,
                List.of(login("shop", true, true, true), login("postgres", true, false, true))));

        assertThat(plan).isInstanceOfSatisfying(FencePlan.DisableLogin.class, p -> {
            assertThat(p.operatorRole()).isEqualTo("postgres");
            assertThat(p.migrationRole()).isFalse();
        });
        assertThat(FenceHandle.of((FencePlan.Fence) plan, "r").needsFenceSecret()).isFalse();
    }

    @Test
    void bitnamiOwnerAppPlusPostgresSuperuserDisablesTheAppLoginAndWorksAsPostgres() {
        FencePlan plan = FencePlanner.choose(shape("shop", "shop", false,
                List.of(login("shop", false, true, true), login("postgres", true, false, true))));

        assertThat(plan).isInstanceOfSatisfying(FencePlan.DisableLogin.class, p -> {
            assertThat(p.operatorRole()).isEqualTo("postgres");
            assertThat(p.migrationRole()).isFalse();
        });
        assertThat(FenceHandle.of((FencePlan.Fence) plan, "r").sessionRole()).isEqualTo("postgres");
    }

    @Test
    void onlyTheNonSuperuserOwnerRotatesItsOwnPasswordAndRevokesPublic() {
        FencePlan plan = FencePlanner.choose(shape("shop", "shop", false, List.of(login("shop", false, true, true))));

        assertThat(plan).isInstanceOfSatisfying(FencePlan.RotatePassword.class, p -> assertThat(p.revokePublic()).isTrue());
        FenceHandle h = FenceHandle.of((FencePlan.Fence) plan, "r");
        assertThat(h.sessionRole()).isEqualTo("shop");
        assertThat(h.needsFenceSecret()).isTrue();
        assertThat(h.actions().get(0)).isEqualTo(new FenceAction.RotatePassword("shop"));
    }

    @Test
    void ownerElsewhereWhoMaySignalTheAppRevokesConnectAndTerminatesItself() {
        FencePlan plan = FencePlanner.choose(shape("owner", "app", false, List.of(login("owner", false, true, true))));

        assertThat(plan).isInstanceOfSatisfying(FencePlan.RevokeConnect.class, p -> {
            assertThat(p.operatorRole()).isEqualTo("owner");
            assertThat(p.terminatorRole()).isEqualTo("owner");
            assertThat(p.revokeFromApp()).isFalse();
            assertThat(p.revokePublic()).isTrue();
        });
    }

    @Test
    void ownerElsewhereWhoMayNotSignalTheAppLetsTheAppsOwnLoginEndItsSessions() {
        FencePlan plan = FencePlanner.choose(shape("owner", "app", false,
                List.of(login("owner", false, true, false), login("app", false, false, true))));

        assertThat(plan).isInstanceOfSatisfying(FencePlan.RevokeConnect.class,
                p -> assertThat(p.terminatorRole()).isEqualTo("app"));
    }

    @Test
    void onlyASeparateAppLoginRotatesItsPasswordWithoutTouchingPublic() {
        FencePlan plan = FencePlanner.choose(shape("owner", "app", false, List.of(login("app", false, false, true))));

        assertThat(plan).isInstanceOfSatisfying(FencePlan.RotatePassword.class, p -> assertThat(p.revokePublic()).isFalse());
    }

    @Test
    void superuserAppWithoutASuperuserLoginIsRefusedNamingTheSuperuserPassword() {
        FencePlan plan = FencePlanner.choose(shape("shop", "shop", true, List.of(login("reader", false, false, false))));

        assertThat(plan).isInstanceOfSatisfying(FencePlan.Refuse.class, r -> {
            assertThat(r.reason()).contains("superuser 'shop'");
            assertThat(r.provide()).contains("password of superuser 'shop'").contains("POSTGRES_PASSWORD");
        });
    }

    @Test
    void ownerThatMayNotEndTheAppsSessionsWithoutTheAppLoginIsRefusedNamingTheAppSecret() {
        FencePlan plan = FencePlanner.choose(shape("owner", "app", false, List.of(login("owner", false, true, false))));

        assertThat(plan).isInstanceOfSatisfying(FencePlan.Refuse.class, r -> {
            assertThat(r.reason()).contains("may not end the open sessions of 'app'");
            assertThat(r.provide()).contains("password of the app role 'app'").contains("postgres-password");
        });
    }

    @Test
    void appLoginWithoutAPasswordCannotBeRotatedAwaySoItIsRefused() {
        LoginFacts trusted = new LoginFacts("shop", false, false, true, true, false, "trust");
        FencePlan plan = FencePlanner.choose(shape("shop", "shop", false, List.of(trusted)));

        assertThat(plan).isInstanceOfSatisfying(FencePlan.Refuse.class, r -> {
            assertThat(r.reason()).contains("without a password");
            assertThat(r.provide()).contains("POSTGRESQL_POSTGRES_PASSWORD").contains("postgres-password");
        });
    }

    @Test
    void aLoginUnrelatedToTheAppIsRefused() {
        FencePlan plan = FencePlanner.choose(shape("owner", "app", false, List.of(login("reader", false, false, false))));

        assertThat(plan).isInstanceOf(FencePlan.Refuse.class);
    }

    @Test
    void anAppRoleThatCannotLogInIsRefusedAsTheWrongRoleOrAnExistingFence() {
        CredentialShape facts = new CredentialShape("shop", "shop", "shop", false, false, true, true,
                List.of(login("postgres", true, false, true)));

        assertThat(FencePlanner.choose(facts)).isInstanceOfSatisfying(FencePlan.Refuse.class,
                r -> assertThat(r.reason()).contains("NOLOGIN"));
    }
}
