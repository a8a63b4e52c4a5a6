package dev.rehome.core;

/**
 * Durable record of a plan's progress, written ahead of every externally visible change so that a crashed run
 * resumes and {@code rollback} knows the before-images. Implementations: a local file
 * ({@link FileJournal}), a Kubernetes ConfigMap (backend-kubectl), in memory (testkit). A journal never
 * holds secrets.
 */
public interface Journal {
    /** The state for {@code plan}, or an empty one if none was written yet. */
    JournalState read(String plan);

    void write(JournalState state);
}
