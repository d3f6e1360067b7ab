package dev.mconats.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CutOffTest {
    @Test
    void aServerThatSaidNoIsNotRetried() {
        assertThat(CutOff.is("server sent TLS alert bad_certificate")).isFalse();
        assertThat(CutOff.is("PKIX path building failed")).isFalse();
        assertThat(CutOff.is("server certificate does not cover nats1.example.net")).isFalse();
        assertThat(CutOff.is("-ERR 'Authorization Violation'")).isFalse();
        assertThat(CutOff.is(new Exchange(Exchange.Answer.ACCEPTED, "PONG", true, 1))).isFalse();
        assertThat(CutOff.is(Exchange.refused("TLS handshake failed: server sent TLS alert certificate_required", 1))).isFalse();
        assertThat(CutOff.is(Exchange.refused("connection closed by the server", 1))).as("closed after the handshake: a refusal").isFalse();
    }

    @Test
    void aSessionThatWasCutOffIsRetried() {
        assertThat(CutOff.is("Remote host terminated the handshake")).isTrue();
        assertThat(CutOff.is("the server had closed the connection (broken pipe)")).isTrue();
        assertThat(CutOff.is(Exchange.refused("TLS handshake failed: Remote host terminated the handshake", 1))).isTrue();
        assertThat(CutOff.is(Exchange.unreachable("cannot connect: Connect timed out", 1))).isTrue();
        assertThat(CutOff.is(new Exchange(Exchange.Answer.SILENT, "no answer within 3000 ms", false, 1))).isTrue();
    }
}
