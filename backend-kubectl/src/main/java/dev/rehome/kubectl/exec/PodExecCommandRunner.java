package dev.rehome.kubectl.exec;

import dev.rehome.core.RefusedException;
import dev.rehome.core.UnreachableException;
import dev.rehome.core.spi.CommandRunner;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.spi.RunningCommand;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands in one container of a pod through the Kubernetes exec API, with stdin, stdout and stderr streamed
 * (fabric8 {@code redirectingInput/Output/Error}) and the exit code from the exec status channel.
 *
 * <p>Exec carries no environment, and its argv lands in API-server audit logs, so a spec with secret environment is
 * refused; plain environment is passed through {@code env NAME=value}. To use a password, read it inside the pod
 * from an env var the container already has ({@link PodShellCommands#withPasswordFromContainerEnv}) or rely on
 * local peer/trust auth as {@code kubectl cnpg psql} does ({@link #cnpgPrimary}).
 *
 * <p>Mind v4: closing {@link RunningCommand#stdin()} does not reach the remote program. Do not run a command that
 * waits for end of stdin (psql or pg_restore reading a dump) through this runner directly; wrap it in a
 * {@link SpooledUploadCommandRunner}, or load through a port-forward or a Job.
 */
public final class PodExecCommandRunner implements CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PodExecCommandRunner.class);

    private final KubernetesClient client;
    private final PodRef pod;

    public PodExecCommandRunner(KubernetesClient client, PodRef pod) {
        this.client = Objects.requireNonNull(client, "client");
        this.pod = Objects.requireNonNull(pod, "pod");
    }

    /** The CNPG primary's {@code postgres} container, where {@code psql -U postgres} logs in by peer auth. */
    public static PodExecCommandRunner cnpgPrimary(KubernetesClient client, String namespace, String primaryPod) {
        return new PodExecCommandRunner(client, new PodRef(namespace, primaryPod, PodRef.CNPG_CONTAINER));
    }

    public PodRef pod() {
        return pod;
    }

    @Override
    public RunningCommand start(CommandSpec spec) {
        if (!spec.secretEnv().isEmpty()) {
            throw new RefusedException("refusing to run " + spec.program() + " " + pod.describe() + " with secret "
                    + "environment " + spec.secretEnv().keySet() + ": pod exec cannot pass environment, and argv is "
                    + "recorded in API-server audit logs; read the password from the container's own env "
                    + "(PodShellCommands.withPasswordFromContainerEnv) or use the in-cluster Job");
        }
        List<String> argv = argvWithEnv(spec);
        LOG.debug("exec {}: {}", pod.describe(), spec.program());
        ExecWatch watch;
        try {
            watch = client.pods().inNamespace(pod.namespace()).withName(pod.pod()).inContainer(pod.container())
                    .redirectingInput()
                    .redirectingOutput()
                    .redirectingError()
                    .exec(argv.toArray(String[]::new));
        } catch (KubernetesClientException e) {
            throw new UnreachableException("cannot exec " + spec.program() + " " + pod.describe() + ": "
                    + firstLine(e.getMessage()) + "; check that the pod runs and that you may create pods/exec", e);
        }
        return new PodExecCommand(watch, spec.program(), pod.describe());
    }

    @Override
    public String describe() {
        return pod.describe();
    }

    private static List<String> argvWithEnv(CommandSpec spec) {
        if (spec.env().isEmpty()) {
            return spec.argv();
        }
        List<String> argv = new ArrayList<>();
        argv.add("env");
        new TreeMap<>(spec.env()).forEach((k, v) -> argv.add(k + "=" + v));
        argv.addAll(spec.argv());
        return argv;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
