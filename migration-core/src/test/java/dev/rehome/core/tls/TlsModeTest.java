package dev.rehome.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rehome.core.InvalidConfigurationException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlsModeTest {
    @Test
    void parsesTheThreeModesAndRefusesAnythingElseNamingTheValues() {
        assertEquals(TlsMode.VERIFY_FULL, TlsMode.parse("verify-full"));
        assertEquals(TlsMode.REQUIRE, TlsMode.parse("require"));
        assertEquals(TlsMode.DISABLE, TlsMode.parse("disable"));
        var e = assertThrows(InvalidConfigurationException.class, () -> TlsMode.parse("prefer"));
        assertTrue(e.getMessage().contains("'prefer'") && e.getMessage().contains("verify-full, require, disable"),
                e.getMessage());
    }

    @Test
    void verifyFullCarriesTheCaFileAndTheServiceName() {
        Map<String, String> o = TlsOptions.of(TlsMode.VERIFY_FULL, Path.of("/tmp/ca.crt"), "c-rw.ns.svc");
        assertEquals(Map.of("sslmode", "verify-full", "sslrootcert", "/tmp/ca.crt",
                TlsOptions.SERVER_NAME, "c-rw.ns.svc"), o);
        assertThrows(NullPointerException.class, () -> TlsOptions.of(TlsMode.VERIFY_FULL, null, "c-rw.ns.svc"));
    }

    @Test
    void theOptOutsCarryOnlyTheirSslmode() {
        assertEquals(Map.of("sslmode", "disable"), TlsOptions.of(TlsMode.DISABLE, null, null));
        assertEquals(Map.of("sslmode", "require"), TlsOptions.of(TlsMode.REQUIRE, Path.of("/x"), "n"));
        assertFalse(TlsMode.REQUIRE.verifies());
    }
}
