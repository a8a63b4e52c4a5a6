package dev.rehome.cutover.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.cutover.EngineCatalog;
import dev.rehome.core.CopyEngine;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.CopyResult;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.InvalidConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class InClusterEngineAliasTest {
    private final CopyEngine job = new NamedEngine("dump-restore");
    private final CopyEngine direct = new NamedEngine("jdbc-direct");

    private InClusterEngineAlias engines() {
        Map<String, Supplier<CopyEngine>> live = new LinkedHashMap<>();
        live.put("dump-restore", () -> job);
        live.put("jdbc-direct", () -> direct);
        return new InClusterEngineAlias(new EngineCatalog(live));
    }

    @Test
    void theParallelDefaultIsTheLiveInClusterJob() {
        assertThat(engines().get("dump-restore-job")).isSameAs(job);
        assertThat(engines().get("jdbc-direct")).isSameAs(direct);
        assertThat(engines().ids()).containsExactly("dump-restore", "jdbc-direct", "dump-restore-job");
    }

    @Test
    void anUnknownEngineIsStillAUsageError() {
        assertThatThrownBy(() -> engines().get("pgcopydb")).isInstanceOf(InvalidConfigurationException.class);
    }

    private record NamedEngine(String id) implements CopyEngine {
        @Override
        public CopyResult copy(CopyRequest request, MigrationListener listener) {
            throw new UnsupportedOperationException("not copied in this test");
        }
    }
}
