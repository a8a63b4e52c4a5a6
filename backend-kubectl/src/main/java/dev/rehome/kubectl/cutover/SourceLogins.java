package dev.rehome.kubectl.cutover;

import dev.rehome.core.cutover.SourceLogin;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.discovery.AppConnectionLogin;
import dev.rehome.kubectl.discovery.SourceDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The logins rehome holds for the source and which of them is the app's: the source container's own (the admin
 * first) plus the one in the app's connection URL when that is another role. The app's URL is read once, on first
 * use, so a run that re-points the app mid-way keeps fencing the role it started with.
 */
public final class SourceLogins {
    private final Supplier<SourceDatabase> source;
    private final AppConnectionLogin reader;
    private final NamespacedName app;
    private final String container;
    private final String envVar;
    private Optional<SourceLogin> appLogin;

    public SourceLogins(Supplier<SourceDatabase> source, AppConnectionLogin reader, NamespacedName app,
                        String container, String envVar) {
        this.source = Objects.requireNonNull(source, "source");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.app = Objects.requireNonNull(app, "app");
        this.container = Objects.requireNonNull(container, "container");
        this.envVar = Objects.requireNonNull(envVar, "envVar");
    }

    /** The role the app logs in as: its URL's, else the source container's login (the official image's way). */
    public synchronized String appRole() {
        return appLogin().map(SourceLogin::role).orElseGet(() -> source.get().credentials().user());
    }

    /** The source container's logins, then the app's when it is another role. */
    public synchronized List<SourceLogin> all() {
        List<SourceLogin> logins = new ArrayList<>(source.get().credentials().logins());
        appLogin().filter(a -> logins.stream().noneMatch(l -> l.role().equals(a.role()))).ifPresent(logins::add);
        return List.copyOf(logins);
    }

    private Optional<SourceLogin> appLogin() {
        if (appLogin == null) {
            appLogin = reader.read(app, container, envVar, source.get());
        }
        return appLogin;
    }
}
