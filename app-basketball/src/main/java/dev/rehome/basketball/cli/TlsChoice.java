package dev.rehome.basketball.cli;

import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.tls.TlsMode;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine;

/**
 * {@code --target-tls} as a {@link TlsMode}, refused while the command line is parsed (exit 2, the modes named),
 * like the lists of {@link dev.rehome.cutover.cli.Choices}: a typo must not surface after the app was scaled down.
 */
final class TlsChoice implements CommandLine.ITypeConverter<TlsMode>, Iterable<String> {
    @Override
    public TlsMode convert(String value) {
        try {
            return TlsMode.parse(value.strip());
        } catch (InvalidConfigurationException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(TlsMode.values()).map(TlsMode::sslmode).iterator();
    }
}
