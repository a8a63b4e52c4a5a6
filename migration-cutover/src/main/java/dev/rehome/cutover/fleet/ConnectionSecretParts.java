package dev.rehome.cutover.fleet;

import dev.rehome.core.Secret;
import dev.rehome.core.cutover.Secrets;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Gives the connection Secret rehome wrote the CNPG-style keys ({@code host}, {@code port}, {@code dbname},
 * {@code uri}) beside {@code username} and {@code password}, split from the URL the re-point wrote under
 * {@code urlKey}, so a var holding just one part can be pointed at its key. Repeatable: once {@code urlKey} no
 * longer holds a URL (it was {@code host}, now split), nothing changes. Thread-safe when the port is.
 */
final class ConnectionSecretParts {
    private final Secrets secrets;

    ConnectionSecretParts(Secrets secrets) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    void add(String namespace, String name, String urlKey) {
        Map<String, Secret> data = new HashMap<>(secrets.read(namespace, name).orElseThrow());
        Secret url = data.get(urlKey);
        if (url == null || !url.reveal().contains("://")) {
            return;
        }
        URI uri = URI.create(url.reveal());
        data.put("uri", url);
        data.put("host", Secret.of(uri.getHost()));
        data.put("port", Secret.of(String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort())));
        data.put("dbname", Secret.of(URLDecoder.decode(uri.getRawPath().substring(1), StandardCharsets.UTF_8)));
        secrets.put(namespace, name, data);
    }
}
