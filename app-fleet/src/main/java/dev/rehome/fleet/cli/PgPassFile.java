package dev.rehome.fleet.cli;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A libpq password file ({@code ~/.pgpass}): lines of {@code hostname:port:database:username:password}, where
 * {@code *} matches anything, {@code \:} and {@code \\} escape, {@code #} starts a comment, and the first matching
 * line wins. Immutable.
 */
final class PgPassFile {
    private final List<List<String>> entries;

    private PgPassFile(List<List<String>> entries) {
        this.entries = List.copyOf(entries);
    }

    static PgPassFile parse(String text) {
        List<List<String>> entries = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields.size() == 5) {
                entries.add(fields);
            }
        }
        return new PgPassFile(entries);
    }

    /** The password of the first line matching the endpoint. */
    Optional<Secret> lookup(DatabaseEndpoint endpoint) {
        List<String> wanted = List.of(endpoint.host(), Integer.toString(endpoint.port()), endpoint.database(),
                endpoint.user());
        for (List<String> entry : entries) {
            boolean match = true;
            for (int i = 0; i < 4 && match; i++) {
                match = entry.get(i).equals("*") || entry.get(i).equals(wanted.get(i));
            }
            if (match) {
                return Optional.of(Secret.of(entry.get(4)));
            }
        }
        return Optional.empty();
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
