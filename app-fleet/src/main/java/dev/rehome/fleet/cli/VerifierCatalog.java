package dev.rehome.fleet.cli;

import dev.rehome.core.Verifier;
import dev.rehome.jdbc.verify.Verifiers;

/**
 * The verifier of a CLI level: {@code none}, {@code counts} or {@code full}; the standard one is
 * {@link Verifiers#forLevel}. Tests substitute their own.
 */
@FunctionalInterface
public interface VerifierCatalog {
    Verifier forLevel(String level);

    static VerifierCatalog standard() {
        return Verifiers::forLevel;
    }
}
