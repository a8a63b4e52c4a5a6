package dev.rehome.kubectl.discovery;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What really protects a CNPG cluster's data: an archiver configured in the spec (not just a green
 * {@code ContinuousArchiving} condition, which CNPG also sets when there is nowhere to archive to), and the
 * conditions and retention that go with it.
 *
 * @param pluginName     for {@link BackupMethod#PLUGIN}, the plugin that archives WAL
 * @param problems       one line per gap, empty when covered
 */
public record BackupCoverage(BackupMethod method, Optional<String> pluginName, Optional<String> destination,
                             Optional<String> retention, Optional<Boolean> continuousArchiving,
                             Optional<Boolean> lastBackupSucceeded, List<String> problems) {
    public BackupCoverage {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pluginName, "pluginName");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(continuousArchiving, "continuousArchiving");
        Objects.requireNonNull(lastBackupSucceeded, "lastBackupSucceeded");
        problems = List.copyOf(problems);
    }

    public boolean covered() {
        return problems.isEmpty();
    }
}
