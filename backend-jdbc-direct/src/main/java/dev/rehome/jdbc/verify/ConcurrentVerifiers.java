package dev.rehome.jdbc.verify;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.MigrationException;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent verifiers at the same time and merges their reports in the order given, so the report is the
 * one {@link Verifier#allOf} would give. Each verifier only reads, in its own snapshot sessions; on a small
 * database their catalog queries and connection set-ups are round trips that overlap instead of adding up.
 */
final class ConcurrentVerifiers implements Verifier {
    private final List<Verifier> verifiers;

    ConcurrentVerifiers(List<Verifier> verifiers) {
        this.verifiers = List.copyOf(verifiers);
        this.verifiers.forEach(v -> Objects.requireNonNull(v, "verifier"));
    }

    @Override
    public VerificationReport verify(DatabaseEndpoint source, DatabaseEndpoint target) {
        ExecutorService threads = Executors.newFixedThreadPool(verifiers.size(), r -> {
            Thread t = new Thread(r, "rehome-verifier");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<VerificationReport>> running = new ArrayList<>();
            for (Verifier v : verifiers) {
                running.add(threads.submit(() -> v.verify(source, target)));
            }
            VerificationReport report = VerificationReport.empty();
            for (Future<VerificationReport> f : running) {
                report = report.merge(await(f));
            }
            return report;
        } finally {
            threads.shutdownNow();
        }
    }

    private static VerificationReport await(Future<VerificationReport> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException("verification was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MigrationException m) {
                throw m;
            }
            throw new OperationFailedException("verification failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
