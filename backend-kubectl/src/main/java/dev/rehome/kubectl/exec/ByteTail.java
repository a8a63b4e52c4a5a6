package dev.rehome.kubectl.exec;

import java.nio.charset.StandardCharsets;

/**
 * The last {@code capacity} bytes written, e.g. of a program's stderr: enough for an error message, bounded however
 * much the program prints. Thread-safe.
 */
final class ByteTail {
    private final byte[] ring;
    private long written;

    ByteTail(int capacity) {
        this.ring = new byte[capacity];
    }

    synchronized void write(byte[] data, int off, int len) {
        for (int i = 0; i < len; i++) {
            ring[(int) (written++ % ring.length)] = data[off + i];
        }
    }

    synchronized void write(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        write(b, 0, b.length);
    }

    @Override
    public synchronized String toString() {
        int size = (int) Math.min(written, ring.length);
        byte[] out = new byte[size];
        long start = written - size;
        for (int i = 0; i < size; i++) {
            out[i] = ring[(int) ((start + i) % ring.length)];
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
