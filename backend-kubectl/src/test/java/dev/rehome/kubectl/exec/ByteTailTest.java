package dev.rehome.kubectl.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteTailTest {

    @Test
    void keepsEverythingWhileItFits() {
        ByteTail tail = new ByteTail(16);
        tail.write("hello ");
        tail.write("world");
        assertThat(tail).hasToString("hello world");
    }

    @Test
    void keepsOnlyTheLastBytesOfALongStream() {
        ByteTail tail = new ByteTail(8);
        byte[] data = "0123456789abcdefXYZ".getBytes(StandardCharsets.UTF_8);
        tail.write(data, 0, data.length);
        assertThat(tail).hasToString("bcdefXYZ");
    }

    @Test
    void writesFromAnOffset() {
        ByteTail tail = new ByteTail(8);
        byte[] data = "skip:kept".getBytes(StandardCharsets.UTF_8);
        tail.write(data, 5, 4);
        assertThat(tail).hasToString("kept");
    }
}
