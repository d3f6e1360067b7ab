package dev.mconats.mco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubjectsTest {

    @Test
    void broadcastDirectedAndRegistrationSubjects() {
        assertThat(Subjects.broadcast("mcollective", "discovery")).isEqualTo("mcollective.broadcast.agent.discovery");
        assertThat(Subjects.directed("mcollective", "web1.example.net")).isEqualTo("mcollective.node.web1.example.net");
        assertThat(Subjects.registration("eu_collective")).isEqualTo("eu_collective.broadcast.agent.registration");
    }

    @Test
    void replySubjectUsesMd5HexOfCallerIdAndRequestId() {
        // md5("choria=rip.mcollective") computed independently with md5sum
        assertThat(Subjects.md5Hex("choria=rip.mcollective")).isEqualTo("37bdf08389145a56c13096c178802d3b");
        assertThat(Subjects.md5Hex("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        String requestId = "0123456789abcdef0123456789abcdef";
        assertThat(Subjects.reply("mcollective", "choria=client.example.net", requestId))
                .isEqualTo("mcollective.reply.ef9a8ecf3f181f3a6f32354c5d5ad0f2." + requestId);
    }

    @Test
    void nodeSubscriptionsAreExactAndOrdered() {
        List<String> subs = Subjects.nodeSubscriptions(List.of("mcollective", "eu"), List.of("discovery", "rpcutil"), "n1.example.net");
        assertThat(subs).containsExactly(
                "mcollective.node.n1.example.net",
                "mcollective.broadcast.agent.discovery",
                "mcollective.broadcast.agent.rpcutil",
                "eu.node.n1.example.net",
                "eu.broadcast.agent.discovery",
                "eu.broadcast.agent.rpcutil");
    }

    @Test
    void emulatorReferenceLoadIs55SubscriptionsWithoutWildcards() {
        List<String> collectives = IntStream.rangeClosed(1, 5).mapToObj(i -> "c" + i).toList();
        List<String> agents = IntStream.rangeClosed(1, 10).mapToObj(i -> "agent" + i).toList();
        List<String> subs = Subjects.nodeSubscriptions(collectives, agents, "node42");
        assertThat(subs).hasSize(55).doesNotHaveDuplicates()
                .noneMatch(s -> s.contains("*") || s.contains(">"));
        assertThat(subs.stream().filter(s -> s.contains(".node."))).hasSize(5);
    }

    @Test
    void rejectsTokensThatWouldWidenOrBreakSubjects() {
        assertThatThrownBy(() -> Subjects.broadcast("mco.llective", "discovery")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Subjects.broadcast("mcollective", "*")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Subjects.directed("mcollective", "a>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Subjects.directed("mcollective", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
