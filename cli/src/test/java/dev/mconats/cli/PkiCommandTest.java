package dev.mconats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.pki.PuppetSslDir;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesAPkiAndRefusesBadArgumentsInOneLine() {
        Path out = tmp.resolve("ssl");
        assertThat(Main.run("pki", "--ssldir", out.toString(), "--key-type", "ec-p256", "--server", "nats1.example.net=127.0.0.11",
                "--node", "web1.example.net")).isZero();
        PuppetSslDir dir = new PuppetSslDir(out);
        assertThat(dir.has("nats1.example.net")).isTrue();
        assertThat(dir.has("web1.example.net")).isTrue();

        assertThat(stderrOf("pki", "--ssldir", tmp.resolve("a").toString(), "--key-type", "dsa")).startsWith("error: ").contains("dsa");
        assertThat(stderrOf("pki", "--ssldir", tmp.resolve("b").toString(), "--server", "x"))
                .isEqualTo("error: --server wants name=ip, got 'x'\n");
        // an existing PKI is not overwritten without --force
        assertThat(stderrOf("pki", "--ssldir", out.toString(), "--key-type", "ec-p256")).startsWith("error: ");
    }

    private static String stderrOf(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run(args)).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
