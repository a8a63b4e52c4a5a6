package dev.rehome.fleet.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;

/**
 * The CLI's logging, set up in code (found by logback through META-INF/services) instead of a logback.xml:
 * parsing the XML and building Joran's model loaded about 500 classes and cost a quarter of the JVM's start-up,
 * which a short command pays every time (bench/README.md). Everything goes to the log file the main class picked
 * (system property {@code rehome.log.file}), rotated daily or at 10 MB, two weeks and 100 MB at most, so a
 * CronJob running the CLI nightly never fills a disk; the terminal gets the CLI's own lines only. A
 * configuration file named with {@code -Dlogback.configurationFile} (the bench, debugging) or a
 * {@code logback-test.xml} on the class path (tests) wins.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String file = System.getProperty("rehome.log.file", System.getProperty("java.io.tmpdir") + "/rehome-fleet.log");
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(ctx);
        appender.setFile(file);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(ctx);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i.gz");
        rolling.setMaxFileSize(FileSize.valueOf("10MB"));
        rolling.setMaxHistory(14);
        rolling.setTotalSizeCap(FileSize.valueOf("100MB"));
        rolling.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();
        appender.setRollingPolicy(rolling);
        appender.setEncoder(encoder);
        appender.start();
        ctx.getLogger("io.zonky").setLevel(Level.WARN);
        ctx.getLogger("org.postgresql").setLevel(Level.WARN);
        // netty reports a listener it could not notify after its event loop was shut down: the sandbox's in-process
        // API server and the client closing in the normal order at exit. Not an error of the run.
        ctx.getLogger("io.netty.util.concurrent.DefaultPromise.rejectedExecution").setLevel(Level.OFF);
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
