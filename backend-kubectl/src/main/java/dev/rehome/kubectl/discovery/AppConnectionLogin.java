package dev.rehome.kubectl.discovery;

import dev.rehome.core.RefusedException;
import dev.rehome.core.Secret;
import dev.rehome.core.cutover.SourceLogin;
import dev.rehome.kubectl.NamespacedName;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The login the app itself uses on the source, read from the connection URL in its env (the value never leaves
 * the returned {@link Secret}). The source container's env names the login the database was created with, which
 * need not be the app's: with a separate app role (the owner elsewhere) the fence must stop the role in the URL,
 * and that role's password is what lets rehome end its sessions. Only a URL whose host is the source's Service
 * counts: an app already re-pointed elsewhere says nothing about the source.
 */
public final class AppConnectionLogin {
    private final KubernetesClient client;

    public AppConnectionLogin(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The app's login on {@code source}, or empty when its env holds no URL that reaches the source's Service. */
    public Optional<SourceLogin> read(NamespacedName app, String container, String envVar, SourceDatabase source) {
        Deployment deployment = client.apps().deployments().inNamespace(app.namespace()).withName(app.name()).get();
        if (deployment == null || source.service().isEmpty()) {
            return Optional.empty();
        }
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        Optional<Container> named = containers.stream().filter(c -> c.getName().equals(container)).findFirst();
        EnvResolver.ResolvedEnv env;
        try {
            env = new EnvResolver(client, app.namespace()).resolve(named.orElse(containers.get(0)));
        } catch (RefusedException missingSecret) {
            // the app could not start with this env either; the source's own login is all there is
            return Optional.empty();
        }
        return env.get(envVar).flatMap(url -> parse(url, source, app.namespace()))
                .map(p -> new SourceLogin(p.user(), p.password(), "the app's " + envVar + " ("
                        + env.origins().getOrDefault(envVar, "its env") + ")"));
    }

    private record UrlLogin(String user, Secret password) {
    }

    private static Optional<UrlLogin> parse(String text, SourceDatabase source, String appNamespace) {
        String url = text.strip();
        if (url.startsWith("jdbc:")) {
            url = url.substring("jdbc:".length());
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException notAUrl) {
            return Optional.empty();
        }
        // postgresql://, postgres:// and the driver-qualified forms apps use (postgresql+asyncpg://, ...)
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).startsWith("postgres")
                || uri.getHost() == null || !new ServiceHostNames(source.service().orElseThrow(),
                        source.workload().namespace()).reachedFrom(appNamespace, uri.getHost())) {
            return Optional.empty();
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            return Optional.empty();
        }
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        Secret password = colon < 0 ? Secret.empty() : Secret.of(decode(userInfo.substring(colon + 1)));
        return user.isEmpty() ? Optional.empty() : Optional.of(new UrlLogin(user, password));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
