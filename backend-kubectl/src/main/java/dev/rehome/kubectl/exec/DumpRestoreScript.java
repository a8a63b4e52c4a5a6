package dev.rehome.kubectl.exec;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The POSIX shell script a dump-restore Job runs. Connection details come from env vars the Job sets (literal
 * host/port/user/database, passwords from Secrets), so no value is ever spliced into the script. Both exit codes
 * count without relying on {@code set -o pipefail} (not every image's {@code sh} has it): each side reports its
 * code on a separate descriptor, and the script exits with the first failure after printing
 * {@code rehome: pg_dump exited N} or {@code rehome: pg_restore exited N} for the runner to read from the log.
 * A pg_dump killed by SIGPIPE (exit 141) while pg_restore failed only died because pg_restore stopped reading,
 * so pg_restore is named as the cause. The target's TLS settings ({@code TARGET_SSLMODE}, and under verify-full
 * {@code TARGET_SSLROOTCERT}) become pg_restore's {@code PGSSLMODE}/{@code PGSSLROOTCERT} only.
 */
final class DumpRestoreScript {
    static final String TARGET_SSLMODE = "TARGET_SSLMODE";
    static final String TARGET_SSLROOTCERT = "TARGET_SSLROOTCERT";
    private static final Pattern RESULT = Pattern.compile("rehome: (pg_dump|pg_restore) exited (\\d+)");

    private DumpRestoreScript() {
    }

    static String render(DumpRestoreJobSpec spec) {
        String dump = "PGPASSWORD=\"$SOURCE_PASSWORD\" pg_dump " + quoted(spec.dumpFlags())
                + " --host=\"$SOURCE_HOST\" --port=\"$SOURCE_PORT\" --username=\"$SOURCE_USER\" --dbname=\"$SOURCE_DBNAME\"";
        String tls = "PGSSLMODE=\"$" + TARGET_SSLMODE + "\" "
                + (spec.targetTls().mode().verifies() ? "PGSSLROOTCERT=\"$" + TARGET_SSLROOTCERT + "\" " : "");
        String restore = "PGPASSWORD=\"$TARGET_PASSWORD\" " + tls + "pg_restore " + quoted(spec.restoreFlags())
                + " --host=\"$TARGET_HOST\" --port=\"$TARGET_PORT\" --username=\"$TARGET_USER\" --dbname=\"$TARGET_DBNAME\"";
        return String.join("\n",
                "exec 3>&1",
                "codes=$( { { " + dump + "; echo \"dump=$?\" >&4; } | { " + restore + " >&3; echo \"restore=$?\" >&4; }; } 4>&1 )",
                "dump=1; restore=1",
                "for c in $codes; do case \"$c\" in dump=*) dump=${c#dump=};; restore=*) restore=${c#restore=};; esac; done",
                "if [ \"$dump\" = 141 ] && [ \"$restore\" != 0 ]; then echo \"rehome: pg_restore exited $restore "
                        + "(pg_dump then stopped on a broken pipe)\" >&2; exit \"$restore\"; fi",
                "if [ \"$dump\" != 0 ]; then echo \"rehome: pg_dump exited $dump\" >&2; exit \"$dump\"; fi",
                "if [ \"$restore\" != 0 ]; then echo \"rehome: pg_restore exited $restore\" >&2; exit \"$restore\"; fi",
                "echo \"rehome: pg_dump exited 0, pg_restore exited 0\" >&2",
                "");
    }

    /** Which program failed and how, read back from the Job's log. */
    static Optional<Failure> failureIn(String log) {
        Matcher m = RESULT.matcher(log);
        Failure found = null;
        while (m.find()) {
            int code = Integer.parseInt(m.group(2));
            if (code != 0) {
                found = new Failure(m.group(1), code);
            }
        }
        return Optional.ofNullable(found);
    }

    record Failure(String program, int exitCode) {
    }

    private static String quoted(List<String> words) {
        return words.stream().map(DumpRestoreScript::quote).collect(Collectors.joining(" "));
    }

    /** Single-quotes a word for sh: {@code it's} becomes {@code 'it'"'"'s'}. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }
}
