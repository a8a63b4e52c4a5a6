package dev.rehome.cutover;

import dev.rehome.core.CopyEngine;
import dev.rehome.core.CopyProgress;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.CopyResult;
import dev.rehome.core.Finding;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.Verifier;
import dev.rehome.jdbc.verify.Verifiers;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Where issue 11's matrix breaks a cutover between the fence and the app's healthy return. Each point fails one
 * step, named by {@link #failedStep}, through the hook a real failure there would take: a step, the copy engine,
 * the verifier.
 */
enum FailurePoint {
    /** The first step after the fence (copy) fails before it does anything: the source fenced, the target empty. */
    AFTER_FENCE("copy"),
    /** The copy fails part way, with rows already loaded into the target. */
    MID_COPY("copy"),
    /** Verification finds the target differs from the fenced source. */
    VERIFICATION("verify"),
    /** The app was re-pointed and scaled up but never turned healthy; nothing was written to its new home. */
    UNHEALTHY_AFTER_REPOINT("scale-up");

    final String failedStep;

    FailurePoint(String failedStep) {
        this.failedStep = failedStep;
    }

    /** The hooks that make a run fail here; {@code targetRows} counts the rows the target holds at that moment. */
    Injection inject(CopyEngine real, LongSupplier targetRows) {
        return switch (this) {
            case AFTER_FENCE -> new Injection(s -> !s.id().equals(failedStep) ? s
                    : new Failing(s, false, "injected: the copy could not start"), real, full(), Injection.unseen());
            case MID_COPY -> {
                AtomicLong seen = Injection.unseen();
                yield new Injection(UnaryOperator.identity(), cutPartWay(real, targetRows, seen), full(), seen);
            }
            case VERIFICATION -> new Injection(UnaryOperator.identity(), real, (source, target) -> VerificationReport
                    .ofFindings("rows", List.of(new Finding("rows", "public.players", "76", "75"))), Injection.unseen());
            case UNHEALTHY_AFTER_REPOINT -> new Injection(s -> !s.id().equals(failedStep) ? s
                    : new Failing(s, true, "health check: GET /health never answered 200"), real, full(),
                    Injection.unseen());
        };
    }

    /**
     * How a run is broken. {@code targetRowsAtFailure} is what the target held when a mid-copy failure struck, or
     * {@link #NOT_SEEN}.
     */
    record Injection(UnaryOperator<Step> decorate, CopyEngine engine, Verifier verifier, AtomicLong targetRowsAtFailure) {
        static final long NOT_SEEN = -1;

        static AtomicLong unseen() {
            return new AtomicLong(NOT_SEEN);
        }
    }

    private static Verifier full() {
        return Verifier.allOf(Verifiers.forLevel(Verifiers.FULL));
    }

    /**
     * The real engine, whose copy is cut on its first progress event: the engine reports progress once rows are
     * loaded (at the latest after the data phase, before indexes, constraints and grants), so the target is
     * half-built when it fails, as a dropped stream would leave it.
     */
    private static CopyEngine cutPartWay(CopyEngine real, LongSupplier targetRows, AtomicLong seen) {
        return new CopyEngine() {
            @Override
            public String id() {
                return real.id();
            }

            @Override
            public CopyResult copy(CopyRequest request, MigrationListener listener) {
                return real.copy(request, new MigrationListener() {
                    @Override
                    public void onCopyProgress(CopyProgress progress) {
                        if (seen.compareAndSet(Injection.NOT_SEEN, targetRows.getAsLong())) {
                            throw new OperationFailedException("injected: the copy stream broke after "
                                    + progress.rows() + " rows");
                        }
                    }

                    @Override
                    public void onNotice(String message) {
                        listener.onNotice(message);
                    }
                });
            }
        };
    }

    /** A step that fails, before running ({@code runFirst} false) or after it ran and changed what it changes. */
    private record Failing(Step real, boolean runFirst, String message) implements Step {
        @Override
        public String id() {
            return real.id();
        }

        @Override
        public String title() {
            return real.title();
        }

        @Override
        public List<String> plannedChanges(StepContext context) {
            return real.plannedChanges(context);
        }

        @Override
        public void run(StepContext context) throws Exception {
            if (runFirst) {
                real.run(context);
            }
            throw new OperationFailedException(message);
        }

        @Override
        public boolean reversible() {
            return real.reversible();
        }

        @Override
        public void undo(StepContext context) throws Exception {
            real.undo(context);
        }

        @Override
        public boolean pointOfNoReturn() {
            return real.pointOfNoReturn();
        }
    }
}
