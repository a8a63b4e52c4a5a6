package dev.rehome.fleet.cli;

import dev.rehome.core.Verifier;

/** The verifier of a CLI level: {@code none}, {@code counts} or {@code full}. */
@FunctionalInterface
public interface VerifierCatalog {
    Verifier forLevel(String level);

    static VerifierCatalog standard() {
        return InterimVerifiers::forLevel;
    }
}
