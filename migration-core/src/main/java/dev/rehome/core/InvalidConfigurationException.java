package dev.rehome.core;

/** The command line or a configuration value is wrong; the message names it. */
public class InvalidConfigurationException extends MigrationException {
    public InvalidConfigurationException(String message) {
        super(ErrorCode.USAGE, message);
    }

    public InvalidConfigurationException(String message, Throwable cause) {
        super(ErrorCode.USAGE, message, cause);
    }
}
