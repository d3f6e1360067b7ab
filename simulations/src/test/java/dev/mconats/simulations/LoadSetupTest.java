package dev.mconats.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mconats.pki.FixturePki;
import dev.mconats.pki.KeyType;
import dev.mconats.pki.PuppetSslDir;
import dev.mconats.targetmodel.TargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the opt-in for load outside loopback may come from, decided before anything connects: {@code prepare} only
 * reads the target, resolves its servers (here through the target's hosts map: no lookup) and loads the TLS files.
 */
class LoadSetupTest {
    @TempDir
    static Path dir;
    private static PuppetSslDir ssl;

    @BeforeAll
    static void pki() {
        ssl = FixturePki.builder(dir.resolve("ssl")).keyType(KeyType.EC_P256).generate().dir();
    }

    @AfterEach
    void noCommandLineOptIn() {
        LoadSetup.optInFromCommandLine(false);
    }

    private static Path target(String name, String extra) throws Exception {
        Path f = dir.resolve(name + ".conf");
        Files.writeString(f, "target {\n  name = " + name + "\n"
                + "  servers = [\"nats.guard.test:4222\"]\n  hosts { \"nats.guard.test\" = \"192.0.2.10\" }\n" + extra
                + "  tls { ca = \"" + ssl.caCert() + "\", cert = \"" + ssl.cert(FixturePki.CLIENT) + "\", key = \""
                + ssl.privateKey(FixturePki.CLIENT) + "\" }\n}\n");
        return f;
    }

    private static LoadParameters params(Path target, Map<String, String> more) {
        Map<String, String> p = new java.util.HashMap<>(more);
        p.put("target", target.toString());
        return LoadParameters.of(p);
    }

    @Test
    void theNodesConnectTimeoutReachesTheFleet() throws Exception {
        Path t = dir.resolve("loopback.conf");
        Files.writeString(t, Files.readString(target("loopback", "")).replace("192.0.2.10", "127.0.0.1"));
        try (dev.mconats.gatling.internal.NatsRun run = LoadSetup.prepare(params(t, Map.of())).newRun(1)) {
            assertThat(run.fleet().nodeTuning().connectTimeout()).isEqualTo(java.time.Duration.ofSeconds(2));
        }
        try (dev.mconats.gatling.internal.NatsRun run = LoadSetup.prepare(params(t, Map.of("node-connect-timeout", "10"))).newRun(1)) {
            assertThat(run.fleet().nodeTuning().connectTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
        }
    }

    @Test
    void aServerOutsideLoopbackIsRefusedWithoutAnOptIn() throws Exception {
        Path t = target("remote", "");

        assertThatThrownBy(() -> LoadSetup.prepare(params(t, Map.of()))).isInstanceOf(TargetException.class)
                .hasMessageContaining("target remote: server nats.guard.test:4222 resolves to [192.0.2.10], outside 127.0.0.0/8");
    }

    @Test
    void theOptInCannotComeFromASystemPropertyEvenWithJvmOptionsForged() throws Exception {
        // what -Dmconats.load.allow-non-loopback=true (e.g. in MCO_NATS_INJECTOR_JAVA_OPTS) turns into
        Path t = target("forged", "");

        assertThatThrownBy(() -> LoadSetup.prepare(params(t, Map.of("allow-non-loopback", "true"))))
                .isInstanceOf(TargetException.class)
                .hasMessageStartingWith("mconats.load.allow-non-loopback: not accepted as a parameter");
    }

    @Test
    void theTargetFilesOptInIsTakenAndRecorded() throws Exception {
        LoadSetup s = LoadSetup.prepare(params(target("opted-in", "  load { allow-non-loopback = true }\n"), Map.of()));

        Map<String, Object> scope = s.scopeRecord();
        assertThat(scope).containsEntry("allow_non_loopback", true)
                .containsEntry("opt_in", "target file (load.allow-non-loopback = true)")
                .containsEntry("servers", Map.of("nats.guard.test:4222", "192.0.2.10:4222"));
    }

    @Test
    void theCommandLineOptInComesOnlyFromTheInjectorsProgramArguments() throws Exception {
        Path t = target("cli", "");
        LoadSetup.optInFromCommandLine(true); // what LoadRunner does for its --allow-non-loopback argument

        Map<String, Object> scope = LoadSetup.prepare(params(t, Map.of())).scopeRecord();
        assertThat(scope).containsEntry("allow_non_loopback", true).containsEntry("opt_in", "command line (--allow-non-loopback)");
    }

    @Test
    void theRunnerTakesTheOptInOnlyAsItsOwnArgument() {
        assertThat(LoadRunner.run(new String[] {"SingleServerScaling", dir.resolve("x").toString(), "--allow-everything"})).isEqualTo(2);
        assertThat(LoadRunner.run(new String[] {"SingleServerScaling", dir.resolve("x").toString(), "a", "b"})).isEqualTo(2);
    }
}
