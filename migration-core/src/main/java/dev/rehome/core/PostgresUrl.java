package dev.rehome.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the URLs the CLI accepts: {@code postgresql://user@host:port/dbname} (also {@code postgres://}) and
 * {@code jdbc:postgresql://host:port/dbname?user=...}. A password inside the URL is refused, because a URL on a
 * command line ends up in shell history and in {@code ps} output.
 */
public final class PostgresUrl {
    private static final int DEFAULT_PORT = 5432;

    private PostgresUrl() {
    }

    public static DatabaseEndpoint parse(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidConfigurationException("a database URL is required, e.g. postgresql://user@host:5432/dbname");
        }
        String text = url.strip();
        if (text.startsWith("jdbc:")) {
            text = text.substring("jdbc:".length());
        }
        if (!text.startsWith("postgresql://") && !text.startsWith("postgres://")) {
            throw new InvalidConfigurationException("'" + redact(text)
                    + "' is not a PostgreSQL URL; use postgresql://user@host:5432/dbname");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException("'" + redact(text) + "' is not a valid URL: " + e.getReason());
        }
        Map<String, String> query = query(uri.getRawQuery());
        String user = query.remove("user");
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            if (userInfo.contains(":") || query.containsKey("password")) {
                throw new InvalidConfigurationException("the URL '" + redact(text) + "' contains a password; pass it with"
                        + " PGPASSWORD, ~/.pgpass or --source-password-file/--target-password-file instead");
            }
            user = decode(userInfo);
        }
        if (query.containsKey("password")) {
            throw new InvalidConfigurationException("the URL contains a password parameter; pass it with PGPASSWORD,"
                    + " ~/.pgpass or a password file instead");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new InvalidConfigurationException("the URL '" + redact(text) + "' names no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (user == null || user.isBlank()) {
            user = System.getProperty("user.name", "postgres");
        }
        if (database.isBlank()) {
            database = user;
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        return new DatabaseEndpoint(host, port, database, user, Secret.empty(), query);
    }

    /** Removes a password from a URL-like text so it can be shown in an error. */
    public static String redact(String text) {
        return text.replaceAll("://([^:/@]+):[^@/]*@", "://$1:<redacted>@")
                .replaceAll("(?i)([?&]password=)[^&]*", "$1<redacted>");
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.put(key, value);
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
