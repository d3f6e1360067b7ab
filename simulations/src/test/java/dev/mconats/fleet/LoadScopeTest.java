package dev.mconats.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.Target;
import dev.mconats.targetmodel.TargetException;
import dev.mconats.targetmodel.TargetFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load guard's decisions, without any network: names resolve through the test's own resolver or a target's hosts
 * map, and nothing here opens a socket. The same bypasses against real servers: LoadGuardNetnsIT.
 */
class LoadScopeTest {
    private static final ServerAddress NAMED = new ServerAddress("nats.guard.test", 4222);

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: parsed, never looked up
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Answers from a script, one list per lookup, and counts the lookups. */
    private static final class ScriptedResolver implements Function<String, List<InetAddress>> {
        private final List<List<InetAddress>> answers;
        final AtomicInteger lookups = new AtomicInteger();

        ScriptedResolver(List<List<InetAddress>> answers) {
            this.answers = answers;
        }

        @Override
        public List<InetAddress> apply(String host) {
            int i = lookups.getAndIncrement();
            return answers.get(Math.min(i, answers.size() - 1));
        }
    }

    @Test
    void aLoopbackServerIsAdmittedWithoutOptIn() {
        LoadScope scope = new LoadScope(LoadScope.OptIn.NONE, new ScriptedResolver(List.of(List.of(ip("127.0.0.5")))));

        assertThat(scope.admit(NAMED)).isEqualTo(new InetSocketAddress(ip("127.0.0.5"), 4222));
        assertThat(scope.allowsNonLoopback()).isFalse();
    }

    @Test
    void aNameWithMixedAnswersIsRefusedWhenAnyAnswerIsOutsideLoopback() {
        LoadScope scope = new LoadScope(LoadScope.OptIn.NONE,
                new ScriptedResolver(List.of(List.of(ip("127.0.0.5"), ip("192.0.2.10")))));

        assertThatThrownBy(() -> scope.admit(NAMED)).isInstanceOf(TargetException.class)
                .hasMessageContaining("nats.guard.test:4222 resolves to [192.0.2.10], outside 127.0.0.0/8")
                .hasMessageContaining("allow-non-loopback");
    }

    @Test
    void aNameIsResolvedOnceAndOnlyTheCheckedAddressMayBeConnectedTo() {
        // first answer loopback, every later one elsewhere: a second lookup would connect elsewhere than was checked
        ScriptedResolver changing = new ScriptedResolver(List.of(List.of(ip("127.0.0.5")), List.of(ip("192.0.2.10"))));
        LoadScope scope = new LoadScope(LoadScope.OptIn.NONE, changing);

        InetSocketAddress checked = scope.admit(NAMED);
        scope.requireAdmitted(checked);

        assertThat(changing.lookups).hasValue(1);
        assertThat(checked.getAddress()).isEqualTo(ip("127.0.0.5"));
        assertThatThrownBy(() -> scope.requireAdmitted(new InetSocketAddress(ip("192.0.2.10"), 4222)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused");
    }

    @Test
    void theOptInAdmitsServersOutsideLoopbackAndSaysWhereItCameFrom() {
        for (LoadScope.OptIn o : List.of(LoadScope.OptIn.TARGET_FILE, LoadScope.OptIn.COMMAND_LINE)) {
            LoadScope scope = new LoadScope(o, new ScriptedResolver(List.of(List.of(ip("192.0.2.10")))));
            assertThat(scope.admit(NAMED).getAddress()).isEqualTo(ip("192.0.2.10"));
            assertThat(scope.optIn()).isEqualTo(o);
        }
        assertThat(LoadScope.OptIn.COMMAND_LINE.label()).contains("--allow-non-loopback");
        assertThat(LoadScope.OptIn.TARGET_FILE.label()).contains("target file");
    }

    @Test
    void gossipedServersAreCheckedLikeTheTargetsOwnOncePerUrlForTheWholeFleet() {
        ScriptedResolver resolver = new ScriptedResolver(List.of(List.of(ip("192.0.2.10"))));
        LoadScope scope = new LoadScope(LoadScope.OptIn.NONE, resolver);

        // 3 nodes hear the same INFO: one lookup, three refusals, never admitted
        for (int i = 0; i < 3; i++) {
            assertThat(scope.admitGossiped("advertised.guard.test:4222")).isEmpty();
        }
        assertThat(resolver.lookups).hasValue(1);
        assertThat(scope.refusedGossip()).isEqualTo(3);
        assertThat(scope.refusedGossipUrls()).containsExactly("advertised.guard.test:4222");
        assertThatThrownBy(() -> scope.requireAdmitted(new InetSocketAddress(ip("192.0.2.10"), 4222)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aGossipedLoopbackServerIsAdmitted() {
        LoadScope scope = new LoadScope(LoadScope.OptIn.NONE, h -> List.of(ip(h)));

        assertThat(scope.admitGossiped("127.0.0.12:4222")).contains(new InetSocketAddress(ip("127.0.0.12"), 4222));
        scope.requireAdmitted(new InetSocketAddress(ip("127.0.0.12"), 4222));
    }

    // ------------------------------------------------------------ the server list built from a target

    private static Target target(Path dir, String body) throws Exception {
        Files.createDirectories(dir.resolve("ssl"));
        for (String f : List.of("ca.pem", "mco.pem", "key.pem")) {
            Files.writeString(dir.resolve("ssl").resolve(f), "x");
        }
        return TargetFile.parse("target {\n" + body + "\ntls { ca = ssl/ca.pem, cert = ssl/mco.pem, key = ssl/key.pem }\n}", dir);
    }

    @Test
    void aServerListCannotBeBuiltOverAServerOutsideLoopbackWithoutTheTargetsOptIn(@TempDir Path dir) throws Exception {
        Target t = target(dir, "servers = [\"nats.guard.test:4222\"]\nhosts { \"nats.guard.test\" = \"192.0.2.10\" }");

        assertThatThrownBy(() -> ServerList.discover(t, new Random())).isInstanceOf(TargetException.class)
                .hasMessageContaining("192.0.2.10");
    }

    @Test
    void theTargetFilesOptInIsTheOnlyOneAServerListTakesByItself(@TempDir Path dir) throws Exception {
        Target t = target(dir, "servers = [\"nats.guard.test:4222\"]\nhosts { \"nats.guard.test\" = \"192.0.2.10\" }\n"
                + "load.allow-non-loopback = true");

        ServerList list = ServerList.discover(t, new Random());
        assertThat(list.scope().optIn()).isEqualTo(LoadScope.OptIn.TARGET_FILE);
        assertThat(list.urls()).containsExactly("tls://192.0.2.10:4222");
    }

    @Test
    void aServerListOnlyHandsOutAddressesItChecked(@TempDir Path dir) throws Exception {
        Target t = target(dir, "servers = [\"nats.guard.test:4222\"]\nhosts { \"nats.guard.test\" = \"127.0.0.5\" }");
        List<String> looked = new ArrayList<>();
        ServerList list = ServerList.discover(t, new LoadScope(LoadScope.OptIn.NONE, h -> {
            looked.add(h);
            return t.resolveAll(h);
        }), new Random());

        assertThat(list.urls()).containsExactly("tls://127.0.0.5:4222");
        assertThat(list.address("tls://127.0.0.5:4222")).isEqualTo(new InetSocketAddress(ip("127.0.0.5"), 4222));
        assertThatThrownBy(() -> list.address("tls://192.0.2.10:4222")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not one of the run's checked servers");
        assertThatThrownBy(() -> list.address("tls://nats.guard.test:4222")).isInstanceOf(IllegalArgumentException.class);
        assertThat(list.learn("192.0.2.10:4222")).isEmpty();
        assertThat(looked).containsExactly("nats.guard.test", "192.0.2.10");
    }
}
