package dev.mconats.mco;

import static dev.mconats.mco.Fixtures.CLOCK;
import static dev.mconats.mco.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestFactoryTest {
    private final RequestFactory factory = new RequestFactory(Fixtures.RSA_CLIENT, new Codec(CLOCK));

    @Test
    void discoveryIsABroadcastPingWithFreshIdAndDerivedReplySubject() throws Exception {
        OutboundRequest out = factory.discovery("mcollective");
        Request r = out.request();

        assertThat(r.requestId()).matches("[0-9a-f]{32}");
        assertThat(out.subjects()).containsExactly("mcollective.broadcast.agent.discovery");
        assertThat(out.replySubject()).isEqualTo("mcollective.reply." + Subjects.md5Hex("choria=client.example.net") + "." + r.requestId());
        assertThat(r.callerId()).isEqualTo("choria=client.example.net");
        assertThat(r.senderId()).isEqualTo("client.example.net");
        assertThat(r.ttl()).isEqualTo(60);
        assertThat(r.time()).isEqualTo(NOW.getEpochSecond());
        assertThat(r.bodyText()).isEqualTo("ping");
        assertThat(r.filter().isEmpty()).isTrue();

        DecodedRequest decoded = new Codec(new Verifier(Fixtures.RSA_PKI.ca), CLOCK).decodeRequest(out.payload());
        assertThat(decoded.request()).isEqualTo(r);
        assertThat(decoded.headers().replyTo()).isEqualTo(out.replySubject());
    }

    @Test
    void requestIdsAreUnique() {
        Set<String> ids = IntStream.range(0, 10_000).mapToObj(i -> RequestIds.next()).collect(Collectors.toSet());
        assertThat(ids).hasSize(10_000).allMatch(id -> id.matches("[0-9a-f]{32}"));
    }

    @Test
    void directedRpcPingGoesToEachNodeWithOnePayloadAndIdentityFilter() throws Exception {
        OutboundRequest out = factory.rpcPing("eu", List.of("n1", "n2.example.net", "n3"));

        assertThat(out.subjects()).containsExactly("eu.node.n1", "eu.node.n2.example.net", "eu.node.n3");
        assertThat(out.request().filter().identity()).containsExactly("n1", "n2.example.net", "n3");
        assertThat(out.request().agent()).isEqualTo("rpcutil");
        assertThat(RawMessages.tree(out.request().bodyText()).get("action").asText()).isEqualTo("ping");
        assertThat(out.replySubject()).startsWith("eu.reply.").endsWith(out.request().requestId());
    }

    @Test
    void broadcastRpcPingTargetsRpcutilSubject() {
        OutboundRequest out = factory.rpcPing("mcollective");
        assertThat(out.subjects()).containsExactly("mcollective.broadcast.agent.rpcutil");
        assertThat(RawMessages.fieldNames(RawMessages.tree(out.request().bodyText()))).containsExactly("agent", "action", "data");
    }
}
