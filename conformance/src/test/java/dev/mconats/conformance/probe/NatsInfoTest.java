package dev.mconats.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NatsInfoTest {
    // As sent by nats-server 2.9.10 on a client port and (after TLS) on a route port of the same cluster.
    static final String CLIENT = "INFO {\"server_id\":\"NBUH\",\"server_name\":\"nats11\",\"version\":\"2.9.10\",\"proto\":1,"
            + "\"go\":\"go1.19.8\",\"host\":\"127.0.77.11\",\"port\":4222,\"headers\":true,\"tls_required\":true,\"tls_verify\":true,"
            + "\"max_payload\":1048576,\"client_id\":8,\"client_ip\":\"127.0.0.1\",\"cluster\":\"BgXw\","
            + "\"connect_urls\":[\"127.0.77.11:4222\",\"127.0.77.12:4222\"]} ";
    static final String ROUTE = "INFO {\"server_id\":\"NBUH\",\"server_name\":\"nats11\",\"version\":\"2.9.10\",\"proto\":2,"
            + "\"host\":\"127.0.77.11\",\"port\":4223,\"headers\":true,\"auth_required\":true,\"tls_required\":true,\"tls_verify\":true,"
            + "\"max_payload\":1048576,\"nonce\":\"ZpDz\",\"cluster\":\"BgXw\",\"cluster_dynamic\":true,"
            + "\"connect_urls\":[\"127.0.77.11:4222\"],\"lnoc\":true}";

    @Test
    void readsWhatTheChecksNeed() {
        NatsInfo i = NatsInfo.parse(CLIENT);
        assertThat(i.serverId()).isEqualTo("NBUH");
        assertThat(i.version()).isEqualTo("2.9.10");
        assertThat(i.tlsRequired()).isTrue();
        assertThat(i.offersTls()).isTrue();
        assertThat(i.tlsVerify()).isTrue();
        assertThat(i.authRequired()).isFalse();
        assertThat(i.maxPayload()).isEqualTo(1048576);
        assertThat(i.connectUrls()).containsExactly("127.0.77.11:4222", "127.0.77.12:4222");
        assertThat(i.isRoutePort()).isFalse();
    }

    @Test
    void tellsARoutePortFromAClientPort() {
        NatsInfo r = NatsInfo.parse(ROUTE);
        assertThat(r.isRoutePort()).isTrue();
        assertThat(r.authRequired()).isTrue();
    }

    @Test
    void anythingElseIsNotInfo() {
        assertThatThrownBy(() -> NatsInfo.parse("HTTP/1.1 400 Bad Request")).hasMessageContaining("expected INFO");
        assertThatThrownBy(() -> NatsInfo.parse("INFO {not json")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> NatsInfo.parse("INFO []")).hasMessageContaining("not a JSON object");
    }
}
