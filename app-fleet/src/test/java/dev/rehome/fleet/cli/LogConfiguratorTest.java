package dev.rehome.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What logback.xml used to say, now said in code: the log file, its rotation, and the quiet loggers. */
class LogConfiguratorTest {
    @Test
    void everythingGoesToTheChosenFileRotatedAndBoundedAndTheDriversAreQuiet(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rehome-fleet.log");
        String before = System.getProperty("rehome.log.file");
        System.setProperty("rehome.log.file", file.toString());
        LoggerContext ctx = new LoggerContext();
        // What logback's SLF4J provider gives the context it configures; a bare context has none.
        ctx.setMDCAdapter(new LogbackMDCAdapter());
        try {
            LogConfigurator configurator = new LogConfigurator();
            configurator.setContext(ctx);

            assertThat(configurator.configure(ctx)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            ctx.getLogger("dev.rehome.test").info("a line for the file");
            ctx.getLogger("org.postgresql.core").info("a driver's chatter");

            var appender = (RollingFileAppender<?>) ctx.getLogger("ROOT").iteratorForAppenders().next();
            var policy = (SizeAndTimeBasedRollingPolicy<?>) appender.getRollingPolicy();
            assertThat(policy.getMaxHistory()).isEqualTo(14);
            assertThat(policy.getFileNamePattern()).isEqualTo(file + ".%d{yyyy-MM-dd}.%i.gz");
            assertThat(ctx.getLogger("org.postgresql").getLevel()).isEqualTo(Level.WARN);
            ctx.stop();
            assertThat(Files.readString(file)).contains("INFO").contains("a line for the file")
                    .doesNotContain("a driver's chatter");
        } finally {
            ctx.stop();
            if (before == null) {
                System.clearProperty("rehome.log.file");
            } else {
                System.setProperty("rehome.log.file", before);
            }
        }
    }
}
