package dev.rehome.cutover.config;

import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.core.cutover.CutoverNames;
import dev.rehome.core.cutover.Invariant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a {@code --config} YAML file over an app's defaults (the base config): every key is optional and
 * overrides its default; {@code invariants}, when given, replaces the whole default list. An unknown key or a
 * blank value fails with {@link InvalidConfigurationException} (exit 2) naming the key. Thread-safe.
 *
 * <pre>{@code
 * source: {namespace: mcd-tracker, deployment: postgres, pvc: postgres-data}
 * invariants:
 *   - table: players
 *   - {name: paid_orders, table: orders, where: "status = 'paid'"}   # where: operator-written SQL, run read-only
 * retire: {coolOff: 3d}
 * }</pre>
 */
public final class ConfigLoader {
    private final YAMLMapper mapper = YAMLMapper.builder().build();
    private final CutoverConfig base;

    /** @param base the app's defaults; every key the file leaves out keeps its value from here */
    public ConfigLoader(CutoverConfig base) {
        this.base = java.util.Objects.requireNonNull(base, "base");
    }

    public CutoverConfig load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot read the config file " + file + ": " + e.getMessage(), e);
        }
        return parse(yaml, file.toString());
    }

    public CutoverConfig parse(String yaml, String origin) {
        JsonNode root;
        try {
            root = mapper.readTree(yaml);
        } catch (JacksonException e) {
            throw new InvalidConfigurationException(origin + " is not valid YAML: " + e.getOriginalMessage(), e);
        }
        ConfigSection top = new ConfigSection(root == null || root.isMissingNode() ? null : root, "", origin);
        CutoverConfig d = base;
        CutoverConfig config = new CutoverConfig(source(top.section("source"), d.source()),
                app(top.section("app"), d.app()), target(top.section("target"), d.target()),
                top.list("invariants", d.invariants(), item -> invariant(item, top)),
                gitops(top.section("gitops"), d.gitops()), retire(top.section("retire"), d.retire()),
                deadlines(top.section("deadlines"), d.deadlines()));
        top.finish();
        return CutoverNames.check(config);
    }

    private static CutoverConfig.Source source(ConfigSection s, CutoverConfig.Source d) {
        var v = new CutoverConfig.Source(s.text("namespace", d.namespace()), s.text("deployment", d.deployment()),
                s.text("service", d.service()), s.text("container", d.container()), s.text("pvc", d.pvc()),
                s.text("database", d.database()));
        s.finish();
        return v;
    }

    private static CutoverConfig.App app(ConfigSection s, CutoverConfig.App d) {
        var v = new CutoverConfig.App(s.text("namespace", d.namespace()), s.text("deployment", d.deployment()),
                s.text("container", d.container()), s.text("envVar", d.envVar()),
                s.text("connectionSecret", d.connectionSecret()),
                s.text("connectionSecretKey", d.connectionSecretKey()), s.text("healthUrl", d.healthUrl()));
        s.finish();
        return v;
    }

    private static CutoverConfig.Target target(ConfigSection s, CutoverConfig.Target d) {
        var v = new CutoverConfig.Target(s.text("namespace", d.namespace()), s.text("cluster", d.cluster()),
                s.text("database", d.database()), s.text("role", d.role()));
        s.finish();
        return v;
    }

    private static Invariant invariant(ConfigSection.Item item, ConfigSection owner) {
        ConfigSection s = item.requireSection(owner);
        String table = s.text("table", null);
        if (table == null) {
            throw s.error("missing required key '" + item.path() + ".table'", "(the table whose rows are counted)");
        }
        String where = s.text("where", null);
        try {
            return new Invariant(s.text("name", where == null ? table : table + "_filtered"),
                    s.text("schema", "public"), table, Optional.ofNullable(where));
        } catch (IllegalArgumentException e) {
            throw s.error("'" + item.path() + ".where'", e.getMessage());
        }
    }

    private static CutoverConfig.GitOps gitops(ConfigSection s, CutoverConfig.GitOps d) {
        var v = new CutoverConfig.GitOps(s.text("overlay", d.overlay()), s.text("deploymentPatch", d.deploymentPatch()),
                s.text("kustomization", d.kustomization()), s.text("dropResource", d.dropResource()),
                s.texts("protectedFiles", d.protectedFiles()), s.text("branch", d.branch()));
        s.finish();
        return v;
    }

    private static CutoverConfig.Retire retire(ConfigSection s, CutoverConfig.Retire d) {
        var v = new CutoverConfig.Retire(s.duration("coolOff", d.coolOff()), s.texts("protectedPvcs", d.protectedPvcs()));
        s.finish();
        return v;
    }

    private static CutoverConfig.Deadlines deadlines(ConfigSection s, CutoverConfig.Deadlines d) {
        var v = new CutoverConfig.Deadlines(s.duration("scale", d.scale()), s.duration("copy", d.copy()),
                s.duration("backup", d.backup()), s.duration("health", d.health()));
        s.finish();
        return v;
    }
}
