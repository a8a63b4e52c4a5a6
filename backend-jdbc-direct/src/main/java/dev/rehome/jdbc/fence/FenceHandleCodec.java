package dev.rehome.jdbc.fence;

import dev.rehome.core.InvalidConfigurationException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The journal text of a {@link FenceHandle}: a version line, then one line per field or action, every name
 * URL-encoded so quotes, spaces and newlines in identifiers survive. Plain text rather than JSON so this module
 * needs no JSON library and a human reading the journal sees what was done.
 */
final class FenceHandleCodec {
    private static final String VERSION = "rehome-fence/1";

    private FenceHandleCodec() {
    }

    static String encode(FenceHandle h) {
        StringBuilder out = new StringBuilder(VERSION).append('\n');
        line(out, "run", h.runId());
        line(out, "database", h.database());
        line(out, "app", h.appRole());
        line(out, "operator", h.operatorRole());
        line(out, "session", h.sessionRole(), String.valueOf(h.sessionUsesFenceSecret()));
        for (FenceAction a : h.actions()) {
            if (a instanceof FenceAction.CreateMigrationRole c) {
                line(out, "create-role", c.role(), String.valueOf(c.superuser()));
            } else if (a instanceof FenceAction.DisableLogin d) {
                line(out, "nologin", d.role());
            } else if (a instanceof FenceAction.RevokePublicConnect r) {
                line(out, "revoke-public", r.database());
            } else if (a instanceof FenceAction.RevokeRoleConnect r) {
                line(out, "revoke-role", r.database(), r.role());
            } else if (a instanceof FenceAction.RotatePassword r) {
                line(out, "rotate-password", r.role());
            } else if (a instanceof FenceAction.TerminateSessions t) {
                List<String> fields = new ArrayList<>(List.of(t.database(), t.executor()));
                fields.addAll(t.roles());
                line(out, "terminate", fields.toArray(String[]::new));
            }
        }
        return out.toString();
    }

    static FenceHandle decode(String text) {
        String[] lines = text.split("\n");
        if (lines.length < 6 || !lines[0].equals(VERSION)) {
            throw new InvalidConfigurationException("the journal's fence record is not a " + VERSION + " record");
        }
        String run = single(lines[1], "run");
        String database = single(lines[2], "database");
        String app = single(lines[3], "app");
        String operator = single(lines[4], "operator");
        List<String> session = fields(lines[5], "session");
        List<FenceAction> actions = new ArrayList<>();
        for (int i = 6; i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                actions.add(action(lines[i]));
            }
        }
        return new FenceHandle(run, database, app, operator, session.get(0), Boolean.parseBoolean(session.get(1)),
                actions);
    }

    private static FenceAction action(String line) {
        String key = line.substring(0, Math.max(0, line.indexOf(' ')));
        List<String> f = fields(line, key);
        return switch (key) {
            case "create-role" -> new FenceAction.CreateMigrationRole(f.get(0), Boolean.parseBoolean(f.get(1)));
            case "nologin" -> new FenceAction.DisableLogin(f.get(0));
            case "revoke-public" -> new FenceAction.RevokePublicConnect(f.get(0));
            case "revoke-role" -> new FenceAction.RevokeRoleConnect(f.get(0), f.get(1));
            case "rotate-password" -> new FenceAction.RotatePassword(f.get(0));
            case "terminate" -> new FenceAction.TerminateSessions(f.get(0), f.subList(2, f.size()), f.get(1));
            default -> throw new InvalidConfigurationException("unknown fence action in the journal: '" + key + "'");
        };
    }

    private static void line(StringBuilder out, String key, String... values) {
        out.append(key);
        for (String v : values) {
            out.append(' ').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        }
        out.append('\n');
    }

    private static String single(String line, String key) {
        return fields(line, key).get(0);
    }

    private static List<String> fields(String line, String key) {
        String[] parts = line.split(" ");
        if (!parts[0].equals(key) || parts.length < 2) {
            throw new InvalidConfigurationException("the journal's fence record has '" + parts[0] + "' where '"
                    + key + "' belongs");
        }
        return Arrays.stream(parts, 1, parts.length).map(v -> URLDecoder.decode(v, StandardCharsets.UTF_8)).toList();
    }
}
