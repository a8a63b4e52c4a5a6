package dev.rehome.cutover.steps;

import dev.rehome.core.Secret;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Creates the role and the database on the target, the role's password kept only in a Secret in the target
 * namespace. The Secret is written before the role, so a crash in between reuses the same password.
 */
public final class ProvisionStep implements Step {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private final Cutover cutover;
    private final SecureRandom random = new SecureRandom();

    public ProvisionStep(Cutover cutover) {
        this.cutover = Objects.requireNonNull(cutover, "cutover");
    }

    @Override
    public String id() {
        return "provision";
    }

    @Override
    public String title() {
        return "Provision role and database " + cutover.targetLabel();
    }

    @Override
    public List<String> plannedChanges(StepContext context) {
        var t = cutover.config().target();
        List<String> out = new ArrayList<>();
        out.add("changes: Secret " + t.namespace() + "/" + cutover.roleSecret() + " (username, password: generated)");
        SqlProvisioner.statements(t.role(), t.database()).forEach(s -> out.add("SQL on " + t.cluster() + ": " + s));
        out.add("undo: DROP DATABASE / DROP ROLE (only rehome-marked), delete the Secret");
        return out;
    }

    @Override
    public void run(StepContext ctx) {
        var t = cutover.config().target();
        cutover.ports().provisioner().ensure(t.role(), password(), t.database(), cutover.marker());
    }

    /** The role's password from its Secret, generated and stored first if there is none. */
    Secret password() {
        var t = cutover.config().target();
        var secrets = cutover.ports().secrets();
        return secrets.read(t.namespace(), cutover.roleSecret()).map(d -> d.get("password")).orElseGet(() -> {
            char[] pw = new char[32];
            for (int i = 0; i < pw.length; i++) {
                pw[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            }
            Secret s = Secret.of(pw);
            secrets.put(t.namespace(), cutover.roleSecret(), Map.of("username", Secret.of(t.role()), "password", s));
            return s;
        });
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public void undo(StepContext ctx) {
        var t = cutover.config().target();
        cutover.ports().provisioner().drop(t.role(), t.database(), cutover.marker());
        cutover.ports().secrets().delete(t.namespace(), cutover.roleSecret());
    }
}
