package dev.rehome.kubectl.exec;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Splits writes into frames of at most {@link #MAX_FRAME} bytes. fabric8 sends each stdin write as one WebSocket
 * frame; API servers, proxies and the mock server cap frame sizes (Vert.x at 64 KiB), and an oversized frame kills
 * the whole exec session.
 */
final class ChunkingOutputStream extends FilterOutputStream {
    static final int MAX_FRAME = 16 * 1024;

    ChunkingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int done = 0; done < len; done += MAX_FRAME) {
            out.write(b, off + done, Math.min(MAX_FRAME, len - done));
        }
    }
}
