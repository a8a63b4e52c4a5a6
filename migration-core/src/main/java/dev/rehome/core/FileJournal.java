package dev.rehome.core;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A journal in one properties file per plan inside a directory, replaced atomically on every write so a crash
 * never leaves half a journal. Thread-safe for one process.
 */
public final class FileJournal implements Journal {
    private final Path directory;

    public FileJournal(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    public Path fileFor(String plan) {
        return directory.resolve(plan.replaceAll("[^A-Za-z0-9._-]", "_") + ".journal.properties");
    }

    @Override
    public synchronized JournalState read(String plan) {
        Path file = fileFor(plan);
        if (!Files.exists(file)) {
            return JournalState.empty(plan);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file, e);
        }
        List<StepRecord> steps = new ArrayList<>();
        String order = p.getProperty("steps", "");
        for (String id : order.isEmpty() ? new String[0] : order.split(",")) {
            steps.add(new StepRecord(id, StepStatus.valueOf(p.getProperty("step." + id + ".status")),
                    Instant.parse(p.getProperty("step." + id + ".at")), p.getProperty("step." + id + ".detail", "")));
        }
        Map<String, String> facts = new LinkedHashMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("fact.")).sorted()
                .forEach(k -> facts.put(k.substring(5), p.getProperty(k)));
        return new JournalState(plan, steps, facts);
    }

    @Override
    public synchronized void write(JournalState state) {
        Properties p = new Properties();
        p.setProperty("plan", state.plan());
        p.setProperty("steps", String.join(",", state.steps().stream().map(StepRecord::stepId).toList()));
        for (StepRecord r : state.steps()) {
            p.setProperty("step." + r.stepId() + ".status", r.status().name());
            p.setProperty("step." + r.stepId() + ".at", r.at().toString());
            p.setProperty("step." + r.stepId() + ".detail", r.detail());
        }
        state.facts().forEach((k, v) -> p.setProperty("fact." + k, v));
        Path file = fileFor(state.plan());
        try {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, ".journal", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "rehome journal; no secrets are stored here");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file, e);
        }
    }
}
