package dev.mconats.mco;

import static dev.mconats.mco.Fixtures.CLOCK;
import static dev.mconats.mco.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeResponderTest {
    private static final String ME = "web1.example.net";
    private final Codec nodeCodec = new Codec(new Verifier(Fixtures.RSA_PKI.ca), CLOCK);
    private final Codec clientCodec = new Codec(CLOCK);
    private final RequestFactory client = new RequestFactory(Fixtures.RSA_CLIENT, clientCodec);
    private final List<MessageRejected> rejections = new ArrayList<>();
    private final NodeResponder node = new NodeResponder(ME, List.of("mcollective", "eu"), Agents.standard(),
            nodeCodec, rejections::add);

    private Reply answerOf(OutboundRequest out, String subject) throws MessageRejected {
        Optional<OutboundReply> reply = node.handle(out.payload(), subject);
        assertThat(reply).as("expected a reply").isPresent();
        assertThat(reply.get().subject()).isEqualTo(out.replySubject());
        Reply decoded = clientCodec.decodeReply(reply.get().payload());
        assertThat(decoded).isEqualTo(reply.get().reply());
        return decoded;
    }

    @Test
    void discoveryPingIsAnsweredWithPongOnTheReplySubject() throws Exception {
        OutboundRequest out = client.discovery("mcollective");
        Reply reply = answerOf(out, out.subjects().get(0));

        assertThat(reply.bodyText()).isEqualTo("pong");
        assertThat(reply.requestId()).isEqualTo(out.request().requestId());
        assertThat(reply.senderId()).isEqualTo(ME);
        assertThat(reply.agent()).isEqualTo("discovery");
        assertThat(reply.time()).isEqualTo(NOW.getEpochSecond());
    }

    @Test
    void rpcutilPingRepliesWithStatusAndPongTime() throws Exception {
        OutboundRequest out = client.rpcPing("eu");
        JsonNode body = RawMessages.tree(answerOf(out, "eu.broadcast.agent.rpcutil").bodyText());

        assertThat(body.get("statuscode").asInt()).isZero();
        assertThat(body.get("statusmsg").asText()).isEqualTo("OK");
        assertThat(body.get("data").get("pong").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(RawMessages.fieldNames(body)).containsExactly("action", "statuscode", "statusmsg", "data");
    }

    @Test
    void unknownRpcActionGetsStatusTwo() throws Exception {
        OutboundRequest out = client.broadcast("mcollective", "rpcutil",
                RpcAgent.requestBody("rpcutil", "reboot", "{}"), Filter.EMPTY);
        JsonNode body = RawMessages.tree(answerOf(out, out.subjects().get(0)).bodyText());
        assertThat(body.get("statuscode").asInt()).isEqualTo(RpcAgent.UNKNOWN_ACTION);
        assertThat(body.get("statusmsg").asText()).contains("reboot");
    }

    @Test
    void directedRequestIsAnsweredOnlyByItsTarget() throws Exception {
        OutboundRequest toMe = client.discovery("mcollective", List.of(ME));
        assertThat(answerOf(toMe, "mcollective.node." + ME).bodyText()).isEqualTo("pong");

        OutboundRequest toOther = client.discovery("mcollective", List.of("other.example.net"));
        assertThat(node.handle(toOther.payload(), "mcollective.node.other.example.net")).isEmpty();
        // even if it reaches us on our own subject, the identity filter excludes us
        assertThat(node.handle(toOther.payload(), "mcollective.node." + ME)).isEmpty();
        assertThat(rejections).isEmpty();
    }

    @Test
    void unknownAgentWrongSubjectForeignCollectiveOrFactFilterGetNoReply() {
        OutboundRequest puppet = client.broadcast("mcollective", "puppet", "{}".getBytes(StandardCharsets.UTF_8), Filter.EMPTY);
        assertThat(node.handle(puppet.payload(), "mcollective.broadcast.agent.puppet")).isEmpty();

        OutboundRequest discovery = client.discovery("mcollective");
        assertThat(node.handle(discovery.payload(), "mcollective.broadcast.agent.rpcutil")).isEmpty();
        assertThat(node.handle(discovery.payload(), "eu.broadcast.agent.discovery")).isEmpty();

        OutboundRequest apac = client.discovery("apac");
        assertThat(node.handle(apac.payload(), "apac.broadcast.agent.discovery")).isEmpty();

        Filter facts = new Filter(List.of(new FactFilter("country", "==", "de")), null, null, null, null);
        OutboundRequest filtered = client.broadcast("mcollective", "discovery", DiscoveryAgent.PING, facts);
        assertThat(node.handle(filtered.payload(), "mcollective.broadcast.agent.discovery")).isEmpty();
        assertThat(rejections).isEmpty();
    }

    @Test
    void factAndClassFiltersAreEvaluatedAgainstTheInventory() throws Exception {
        NodeInventory even = NodeInventory.simulated(20); // even, dc3, db
        NodeResponder n = new NodeResponder(ME, List.of("mcollective"), Agents.standard(), nodeCodec, rejections::add, even);
        record Case(Filter filter, boolean answers) {
        }
        List<Case> cases = List.of(
                new Case(new Filter(List.of(new FactFilter("parity", "==", "even")), null, null, null, null), true),
                new Case(new Filter(List.of(new FactFilter("parity", "==", "odd")), null, null, null, null), false),
                new Case(new Filter(List.of(new FactFilter("fleet_index", ">=", "9")), null, null, null, null), true),
                new Case(new Filter(List.of(new FactFilter("fleet_index", "<", "9")), null, null, null, null), false),
                new Case(new Filter(List.of(new FactFilter("datacenter", "=~", "/^dc[23]$/")), null, null, null, null), true),
                new Case(new Filter(List.of(new FactFilter("role", "!=", "db")), null, null, null, null), false),
                new Case(new Filter(List.of(new FactFilter("country", "==", "de")), null, null, null, null), false),
                new Case(new Filter(null, List.of("role::db"), null, null, null), true),
                new Case(new Filter(null, List.of("/^profile::dc3$/"), null, null, null), true),
                new Case(new Filter(null, List.of("role::web"), null, null, null), false),
                // facts and classes are ANDed
                new Case(new Filter(List.of(new FactFilter("parity", "==", "even")), List.of("role::web"), null, null, null), false),
                new Case(new Filter(null, null, null, null, List.of(List.of(java.util.Map.of("expr", "parity=even")))), false));
        for (Case c : cases) {
            OutboundRequest out = client.broadcast("mcollective", "discovery", DiscoveryAgent.PING, c.filter());
            assertThat(n.handle(out.payload(), out.subjects().get(0)).isPresent()).as(c.filter().toString()).isEqualTo(c.answers());
        }
        assertThat(rejections).isEmpty();
    }

    @Test
    void simulatedInventoriesSplitTheFleet() {
        long even = java.util.stream.IntStream.range(0, 1000).mapToObj(NodeInventory::simulated)
                .filter(i -> i.matches(new FactFilter("parity", "==", "even"))).count();
        long db = java.util.stream.IntStream.range(0, 1000).mapToObj(NodeInventory::simulated)
                .filter(i -> i.hasClass("role::db")).count();
        assertThat(even).isEqualTo(500);
        assertThat(db).isEqualTo(100);
    }

    @Test
    void agentAndRegexIdentityFiltersAreEvaluated() {
        Filter match = new Filter(null, null, List.of("rpcutil"), List.of("/^web\\d/"), null);
        Filter miss = new Filter(null, null, List.of("puppet"), null, null);
        OutboundRequest ok = client.broadcast("mcollective", "discovery", DiscoveryAgent.PING, match);
        OutboundRequest no = client.broadcast("mcollective", "discovery", DiscoveryAgent.PING, miss);

        assertThat(node.handle(ok.payload(), "mcollective.broadcast.agent.discovery")).isPresent();
        assertThat(node.handle(no.payload(), "mcollective.broadcast.agent.discovery")).isEmpty();
    }

    @Test
    void rejectedRequestsAreReportedAndThrownInStrictMode() {
        Request stale = client.newRequest("mcollective", "discovery", DiscoveryAgent.PING, Filter.EMPTY)
                .withTime(NOW.getEpochSecond() - 3600);
        OutboundRequest out = client.encode(stale, List.of("mcollective.broadcast.agent.discovery"));

        assertThat(node.handle(out.payload(), out.subjects().get(0))).isEmpty();
        assertThat(rejections).singleElement().extracting(MessageRejected::reason).isEqualTo(RejectReason.EXPIRED_TTL);

        MessageRejected e = catchThrowableOfType(MessageRejected.class, () -> node.handleStrict(out.payload(), out.subjects().get(0)));
        assertThat(e.reason()).isEqualTo(RejectReason.EXPIRED_TTL);
        assertThat(node.handle("garbage".getBytes(StandardCharsets.UTF_8), "mcollective.node." + ME)).isEmpty();
        assertThat(rejections).hasSize(2).last().extracting(MessageRejected::reason).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void requestWithoutReplyToGetsNoReply() throws Exception {
        Request r = client.newRequest("mcollective", "discovery", DiscoveryAgent.PING, Filter.EMPTY);
        byte[] payload = clientCodec.encodeRequest(r, Fixtures.RSA_CLIENT, TransportHeaders.forRequest(null, "client"));
        assertThat(node.handleStrict(payload, "mcollective.broadcast.agent.discovery")).isEmpty();
    }

    @Test
    void subscriptionsMatchARealNode() {
        assertThat(node.subscriptions()).containsExactly(
                "mcollective.node." + ME,
                "mcollective.broadcast.agent.discovery",
                "mcollective.broadcast.agent.rpcutil",
                "eu.node." + ME,
                "eu.broadcast.agent.discovery",
                "eu.broadcast.agent.rpcutil");

        NodeResponder emulated = new NodeResponder("n1", List.of("c1", "c2", "c3", "c4", "c5"),
                Agents.withFillers(10, "agent"), nodeCodec);
        assertThat(emulated.subscriptions()).hasSize(55).contains("c3.broadcast.agent.agent8").doesNotHaveDuplicates();
    }

    @Test
    void fillerAgentsAnswerWithUnknownAction() throws Exception {
        NodeResponder padded = new NodeResponder(ME, List.of("mcollective"), Agents.withFillers(4, "filler"), nodeCodec);
        OutboundRequest out = client.broadcast("mcollective", "filler2", RpcAgent.requestBody("filler2", "status", "{}"), Filter.EMPTY);
        Optional<OutboundReply> reply = padded.handle(out.payload(), "mcollective.broadcast.agent.filler2");
        assertThat(reply).isPresent();
        assertThat(RawMessages.tree(reply.get().reply().bodyText()).get("statuscode").asInt()).isEqualTo(RpcAgent.UNKNOWN_ACTION);
    }

    @Test
    void customAgentsPlugIn() throws Exception {
        Agent echo = new Agent() {
            @Override
            public String name() {
                return "echo";
            }

            @Override
            public Optional<byte[]> handle(Request request, String identity, long now) {
                return Optional.of((identity + ":" + request.bodyText()).getBytes(StandardCharsets.UTF_8));
            }
        };
        NodeResponder custom = new NodeResponder(ME, List.of("mcollective"),
                Agents.of(echo, new RpcAgent("info", Map.of("hello", (d, id, now) -> "{\"hi\":\"" + id + "\"}"))), nodeCodec);
        OutboundRequest out = client.broadcast("mcollective", "echo", "hey".getBytes(StandardCharsets.UTF_8), Filter.EMPTY);
        assertThat(custom.handle(out.payload(), "mcollective.broadcast.agent.echo").orElseThrow().reply().bodyText())
                .isEqualTo(ME + ":hey");
    }
}
