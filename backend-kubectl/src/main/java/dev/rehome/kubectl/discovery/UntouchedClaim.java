package dev.rehome.kubectl.discovery;

import java.util.Objects;

/** A claim in the source namespace that is not the database's and that rehome never touches, with the reason. */
public record UntouchedClaim(String name, String uid, String reason) {
    public UntouchedClaim {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
    }
}
