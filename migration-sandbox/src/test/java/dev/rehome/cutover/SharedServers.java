package dev.rehome.cutover;

import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One PostgreSQL 15 source and one 17 target for every cutover IT of the run, stopped when the run ends: each
 * test prepares a fresh world on them ({@link dev.rehome.sandbox.Sandbox#prepare}). Injected as a
 * parameter by {@link Resolver}.
 */
final class SharedServers implements ExtensionContext.Store.CloseableResource {
    final PostgresServer source = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
    final PostgresServer target = PostgresServers.start(17);

    @Override
    public void close() {
        source.close();
        target.close();
    }

    static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            return p.getParameter().getType() == SharedServers.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            return e.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(SharedServers.class, k -> new SharedServers(), SharedServers.class);
        }
    }
}
