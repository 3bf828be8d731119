package org.sild.securityserver.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Streaming, not buffering: {@link LargeBodies} runs in its own JVM capped at 128 MiB of heap and
 * sends 200 MiB bodies (REST both ways, a SOAP attachment) through both security servers.
 */
class LargeBodyTest {

    @Test
    void twoHundredMebibytesPassAHundredAndTwentyEightMebibyteHeap() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        var command = List.of(java.toString(), "-Xmx128m", "-XX:+ExitOnOutOfMemoryError",
                "-Dsild.conformance.dir=" + System.getProperty("sild.conformance.dir", ""),
                "-cp", System.getProperty("java.class.path"), LargeBodies.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean finished = process.waitFor(15, TimeUnit.MINUTES);
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println(text.lines().filter(l -> !l.contains("DEBUG")).reduce("", (a, b) -> a + b + "\n"));
        assertThat(finished).isTrue();
        assertThat(process.exitValue()).as(text).isZero();
        assertThat(text).contains("OK max heap");
    }
}
