package dev.rehome.testkit.kube;

/** The {@code Status} documents a kubelet sends on the exec error channel (channel 3). */
final class StatusJson {
    private StatusJson() {
    }

    static String success() {
        return "{\"metadata\":{},\"status\":\"Success\"}";
    }

    static String nonZeroExit(int code) {
        return "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: "
                + "error executing command, exit status " + code + "\",\"reason\":\"NonZeroExitCode\","
                + "\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"" + code + "\"}]}}";
    }

    static String cannotStart(String program, String detail) {
        return "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"exec failed: unable to start container process: "
                + escape(program) + ": " + escape(detail) + "\",\"reason\":\"InternalError\"}";
    }

    private static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
