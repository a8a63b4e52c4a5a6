package dev.rehome.fleet.cli;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.PostgresUrl;
import picocli.CommandLine;

/** {@code --source}/{@code --target}: a URL refused at parse time (exit 2) when malformed or holding a password. */
final class EndpointConverter implements CommandLine.ITypeConverter<DatabaseEndpoint> {
    @Override
    public DatabaseEndpoint convert(String value) {
        try {
            return PostgresUrl.parse(value);
        } catch (InvalidConfigurationException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
