package dev.rehome.cutover.fleet;

import dev.rehome.cutover.steps.Cutover;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The env vars of the other workloads that the re-point moves, each with the connection Secret key it gets: a URL
 * var the key holding the URL ({@code url} beside a URL-style app, {@code uri} beside a host-style one), a host var
 * {@code host}, and its companions {@code username}, {@code password}, {@code port}, {@code dbname}. Immutable.
 */
final class ConsumerEnv {
    private final Cutover cutover;
    private final AppReference app;
    private final List<Consumer> consumers;

    ConsumerEnv(Cutover cutover, AppReference app, List<Consumer> consumers) {
        this.cutover = Objects.requireNonNull(cutover, "cutover");
        this.app = Objects.requireNonNull(app, "app");
        this.consumers = List.copyOf(consumers);
    }

    /** One env var to point at one key of the connection Secret, and the journal key of its before-image. */
    record Target(Consumer consumer, String container, String var, String key) {
        String fact() {
            return consumer.fact("env.before." + container + "." + var);
        }
    }

    List<Target> targets() {
        List<Target> out = new ArrayList<>();
        for (Consumer c : consumers) {
            for (AppReference r : c.references()) {
                out.add(new Target(c, r.container(), r.envVar(), r.style() == AppReference.Style.HOST ? "host"
                        : app.style() == AppReference.Style.URL ? cutover.config().app().connectionSecretKey() : "uri"));
                r.companions().forEach((part, var) -> out.add(new Target(c, r.container(), var,
                        CompanionRepoint.KEYS.get(part))));
            }
        }
        return out;
    }

    /** After retire: the before-images journaled in {@code facts} will never be restored, so they go. */
    void forgetBeforeImages(Map<String, String> facts) {
        targets().forEach(t -> Optional.ofNullable(facts.get(t.fact()))
                .ifPresent(before -> cutover.ports().workloads().forgetEnv(t.consumer().ref(), before)));
    }
}
