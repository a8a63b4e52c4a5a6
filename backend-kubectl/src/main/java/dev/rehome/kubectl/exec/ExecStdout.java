package dev.rehome.kubectl.exec;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * fabric8's exec stdout with two of its quirks smoothed: after a non-zero exit it ends with
 * {@code IOException("closed")} instead of end of stream even though every byte was delivered (fabric8 #5416), and
 * it fails an assertion on a zero-length read. The exit code itself comes from {@link PodExecCommand#waitFor}.
 */
final class ExecStdout extends FilterInputStream {
    ExecStdout(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            if (endedByNonZeroExit(e)) {
                return -1;
            }
            throw e;
        }
    }

    private static boolean endedByNonZeroExit(IOException e) {
        Throwable cause = e.getCause();
        return cause != null && cause.getMessage() != null
                && cause.getMessage().startsWith("process exited with a non-zero exit code");
    }
}
