package dev.rehome.kubectl.exec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code pg_dump | pg_restore} Job: where it runs ({@code namespace}, usually the target cluster's), the image
 * whose client programs it uses (the target's operand image, so pg_dump is at least as new as the source), both
 * databases, how pg_restore's connection to the target is protected, and how long it may take. {@code restoreRole}
 * becomes {@code pg_restore --role}. {@code targetTls} concerns the target only: the source, a standalone server,
 * is reached as before.
 */
public record DumpRestoreJobSpec(String namespace, String name, String image, JobDatabase source, JobDatabase target,
                                 JobTls targetTls, Optional<String> restoreRole, Duration activeDeadline,
                                 Duration keepAfterFinished) {
    public DumpRestoreJobSpec {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetTls, "targetTls");
        Objects.requireNonNull(restoreRole, "restoreRole");
        Objects.requireNonNull(activeDeadline, "activeDeadline");
        Objects.requireNonNull(keepAfterFinished, "keepAfterFinished");
        if (!name.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw new IllegalArgumentException("Job name '" + name + "' is not a DNS-1123 label of at most 63 characters");
        }
        if (activeDeadline.toSeconds() < 1) {
            throw new IllegalArgumentException("activeDeadline must be at least one second, was " + activeDeadline);
        }
    }

    /** The pg_dump flags: custom format to stdout, never prompting. */
    public List<String> dumpFlags() {
        return List.of("--format=custom", "--no-password");
    }

    /** The pg_restore flags: the target login owns everything, privileges are replayed by rehome separately. */
    public List<String> restoreFlags() {
        List<String> flags = new java.util.ArrayList<>(List.of("--no-owner", "--no-privileges", "--exit-on-error", "--no-password"));
        restoreRole.ifPresent(role -> flags.add("--role=" + role));
        return List.copyOf(flags);
    }
}
