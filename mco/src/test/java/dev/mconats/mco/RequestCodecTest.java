package dev.mconats.mco;

import static dev.mconats.mco.Fixtures.CLOCK;
import static dev.mconats.mco.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestCodecTest {
    private static final String REQ_ID = "5ea3a6b6e1a64ba3b0a1a4c5d7e8f901";
    private static final String REPLY_TO = "mcollective.reply.x." + REQ_ID;

    static Stream<Arguments> pkis() {
        return Stream.of(
                Arguments.of("RSA-2048", Fixtures.RSA_PKI, Fixtures.RSA_CLIENT, "SHA256withRSA"),
                Arguments.of("EC P-256", Fixtures.EC_PKI, Fixtures.EC_CLIENT, "SHA256withECDSA"));
    }

    private static Request discovery(Signer signer, long time) {
        return Request.of(REQ_ID, signer.certname(), signer.callerId(), "mcollective", "discovery", time,
                "ping".getBytes(StandardCharsets.UTF_8));
    }

    private static MessageRejected rejection(Codec codec, byte[] payload) {
        return catchThrowableOfType(MessageRejected.class, () -> codec.decodeRequest(payload));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pkis")
    void roundTripVerifiesAndRestoresEveryField(String name, TestPki pki, Signer signer, String algorithm) throws Exception {
        Codec codec = new Codec(new Verifier(pki.ca), CLOCK);
        Filter filter = new Filter(List.of(new FactFilter("country", "==", "de")), List.of("apache"),
                List.of("rpcutil"), List.of("web1"), List.of(List.of(java.util.Map.of("expr", "true"))));
        Request request = new Request(REQ_ID, "client.example.net", signer.callerId(), "mcollective", "rpcutil",
                120, NOW.getEpochSecond(), filter, "{\"agent\":\"rpcutil\",\"action\":\"ping\",\"data\":{}}".getBytes(StandardCharsets.UTF_8));

        DecodedRequest decoded = codec.decodeRequest(codec.encodeRequest(request, signer, REPLY_TO));

        assertThat(decoded.request()).isEqualTo(request);
        assertThat(decoded.request().filter().fact()).containsExactly(new FactFilter("country", "==", "de"));
        assertThat(decoded.headers().replyTo()).isEqualTo(REPLY_TO);
        assertThat(decoded.headers().mcSender()).isEqualTo("client.example.net");
        assertThat(decoded.headers().federated()).isFalse();
        assertThat(decoded.certname()).isEqualTo(signer.certname());
        assertThat(signer.algorithm()).isEqualTo(algorithm);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pkis")
    void wireFormatMatchesProtocolV1(String name, TestPki pki, Signer signer, String algorithm) throws Exception {
        Codec codec = new Codec(CLOCK);
        byte[] payload = codec.encodeRequest(discovery(signer, NOW.getEpochSecond()), signer, REPLY_TO);

        JsonNode transport = RawMessages.tree(payload);
        assertThat(RawMessages.fieldNames(transport)).containsExactly("protocol", "data", "headers");
        assertThat(transport.get("protocol").asText()).isEqualTo("choria:transport:1");
        JsonNode headers = transport.get("headers");
        assertThat(RawMessages.fieldNames(headers)).containsExactly("reply-to", "mc_sender", "seen-by");
        assertThat(headers.get("reply-to").asText()).isEqualTo(REPLY_TO);
        assertThat(headers.get("seen-by").isArray()).isTrue();
        assertThat(headers.get("seen-by")).isEmpty();

        JsonNode secure = RawMessages.secure(payload);
        assertThat(RawMessages.fieldNames(secure)).containsExactly("protocol", "message", "signature", "pubcert");
        assertThat(secure.get("protocol").asText()).isEqualTo("choria:secure:request:1");
        assertThat(secure.get("pubcert").asText()).startsWith("-----BEGIN CERTIFICATE-----\n").isEqualTo(signer.certificatePem());

        String message = secure.get("message").asText();
        JsonNode request = RawMessages.tree(message);
        assertThat(RawMessages.fieldNames(request)).containsExactly("protocol", "message", "envelope");
        assertThat(request.get("protocol").asText()).isEqualTo("choria:request:1");
        assertThat(request.get("message").asText()).isEqualTo("cGluZw=="); // base64("ping")
        JsonNode env = request.get("envelope");
        assertThat(RawMessages.fieldNames(env))
                .containsExactly("requestid", "senderid", "callerid", "collective", "agent", "ttl", "time", "filter");
        assertThat(env.get("callerid").asText()).isEqualTo("choria=" + signer.certname());
        assertThat(env.get("ttl").asInt()).isEqualTo(60);
        assertThat(env.get("time").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(RawMessages.fieldNames(env.get("filter"))).containsExactly("fact", "cf_class", "agent", "identity", "compound");
        env.get("filter").forEach(list -> assertThat(list.isArray() && list.isEmpty()).isTrue());

        // The signature covers exactly the message text and verifies with plain JCA.
        Signature jca = Signature.getInstance(algorithm);
        jca.initVerify(signer.certificate().getPublicKey());
        jca.update(message.getBytes(StandardCharsets.UTF_8));
        assertThat(jca.verify(Base64.getDecoder().decode(secure.get("signature").asText()))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pkis")
    void decodesHandBuiltGoStyleMessages(String name, TestPki pki, Signer signer, String algorithm) throws Exception {
        String message = RawMessages.requestJson("choria:request:1", REQ_ID, signer.callerId(), "mcollective",
                "discovery", 60, NOW.getEpochSecond(), "ping");
        byte[] payload = RawMessages.secureRequestPayload("choria:transport:1", "choria:secure:request:1", message,
                RawMessages.sign(signer, message), signer.certificatePem(), REPLY_TO);

        DecodedRequest decoded = new Codec(new Verifier(pki.ca), CLOCK).decodeRequest(payload);

        assertThat(decoded.request().agent()).isEqualTo("discovery");
        assertThat(decoded.request().bodyText()).isEqualTo("ping");
        assertThat(decoded.request().filter()).isEqualTo(Filter.EMPTY);
    }

    @Test
    void fieldOrderUnknownFieldsAndWhitespaceDoNotMatter() throws Exception {
        // The streaming parser must read what other encoders write: any field order, extra fields (skipped, nested
        // ones too), whitespace between tokens, and JSON null for optional headers.
        Signer signer = Fixtures.EC_CLIENT;
        String message = RawMessages.requestJson("choria:request:1", REQ_ID, signer.callerId(), "mcollective",
                "discovery", 60, NOW.getEpochSecond(), "ping");
        String secure = "{ \"pubcert\" : " + RawMessages.JSON.writeValueAsString(signer.certificatePem())
                + ", \"future\": {\"a\": [1, {\"b\": null}]},\n \"signature\": \"" + RawMessages.sign(signer, message)
                + "\", \"message\": " + RawMessages.JSON.writeValueAsString(message)
                + ", \"protocol\": \"choria:secure:request:1\" }";
        String data = Base64.getEncoder().encodeToString(secure.getBytes(StandardCharsets.UTF_8));
        String transport = "{\"headers\": {\"federation\": null, \"seen-by\": [], \"reply-to\": \"" + REPLY_TO
                + "\", \"mc_sender\": \"client\"}, \"extra\": [true, 1.5], \"data\" : \"" + data
                + "\", \"protocol\": \"choria:transport:1\"}\n";

        DecodedRequest decoded = new Codec(new Verifier(Fixtures.EC_PKI.ca), CLOCK)
                .decodeRequest(transport.getBytes(StandardCharsets.UTF_8));

        assertThat(decoded.request().requestId()).isEqualTo(REQ_ID);
        assertThat(decoded.request().bodyText()).isEqualTo("ping");
        assertThat(decoded.headers().replyTo()).isEqualTo(REPLY_TO);
        assertThat(decoded.headers().federated()).isFalse();
        assertThat(decoded.certname()).isEqualTo(signer.certname());
    }

    @Test
    void wrongValueTypesAreMalformed() {
        // ttl as a string or a fraction is not coerced (Go's decoder refuses both); a string field may not be a number.
        Signer signer = Fixtures.EC_CLIENT;
        Codec codec = new Codec(new Verifier(Fixtures.EC_PKI.ca), CLOCK);
        String good = RawMessages.requestJson("choria:request:1", REQ_ID, signer.callerId(), "mcollective",
                "discovery", 60, NOW.getEpochSecond(), "ping");
        for (String bad : List.of(good.replace("\"ttl\":60", "\"ttl\":\"60\""), good.replace("\"ttl\":60", "\"ttl\":60.5"),
                good.replace("\"agent\":\"discovery\"", "\"agent\":7"))) {
            assertThat(bad).isNotEqualTo(good);
            byte[] payload = RawMessages.secureRequestPayload("choria:transport:1", "choria:secure:request:1", bad,
                    RawMessages.sign(signer, bad), signer.certificatePem(), REPLY_TO);
            assertThat(rejection(codec, payload).reason()).as(bad).isEqualTo(RejectReason.MALFORMED);
        }
    }

    @Test
    void acceptsRubyStyleBase64WithLineBreaks() throws Exception {
        Signer signer = Fixtures.RSA_CLIENT;
        String message = RawMessages.requestJson("choria:request:1", REQ_ID, signer.callerId(), "mcollective",
                "discovery", 60, NOW.getEpochSecond(), "ping");
        com.fasterxml.jackson.databind.node.ObjectNode secure = RawMessages.JSON.createObjectNode()
                .put("protocol", "choria:secure:request:1").put("message", message)
                .put("signature", RawMessages.sign(signer, message)).put("pubcert", signer.certificatePem());
        // Ruby's Base64.encode64 breaks lines every 60 characters.
        byte[] payload = RawMessages.transport("choria:transport:1", secure.toString().getBytes(StandardCharsets.UTF_8),
                Base64.getMimeEncoder(60, new byte[] {'\n'}), REPLY_TO, "client");

        DecodedRequest decoded = new Codec(new Verifier(Fixtures.RSA_PKI.ca), CLOCK).decodeRequest(payload);
        assertThat(decoded.request().requestId()).isEqualTo(REQ_ID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pkis")
    void tamperedMessageIsBadSignature(String name, TestPki pki, Signer signer, String algorithm) {
        String message = RawMessages.requestJson("choria:request:1", REQ_ID, signer.callerId(), "mcollective",
                "discovery", 60, NOW.getEpochSecond(), "ping");
        String signature = RawMessages.sign(signer, message);
        String tampered = message.replace("\"agent\":\"discovery\"", "\"agent\":\"rpcutil\"");
        assertThat(tampered).isNotEqualTo(message);
        byte[] payload = RawMessages.secureRequestPayload("choria:transport:1", "choria:secure:request:1", tampered,
                signature, signer.certificatePem(), REPLY_TO);

        assertThat(rejection(new Codec(new Verifier(pki.ca), CLOCK), payload).reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
    }

    @Test
    void flippedSignatureBitIsBadSignature() {
        Signer signer = Fixtures.RSA_CLIENT;
        String message = RawMessages.requestJson("choria:request:1", REQ_ID, signer.callerId(), "mcollective",
                "discovery", 60, NOW.getEpochSecond(), "ping");
        byte[] sig = signer.sign(message.getBytes(StandardCharsets.UTF_8));
        sig[10] ^= 0x01;
        byte[] payload = RawMessages.secureRequestPayload("choria:transport:1", "choria:secure:request:1", message,
                Base64.getEncoder().encodeToString(sig), signer.certificatePem(), REPLY_TO);

        assertThat(rejection(new Codec(new Verifier(Fixtures.RSA_PKI.ca), CLOCK), payload).reason())
                .isEqualTo(RejectReason.BAD_SIGNATURE);
    }

    @Test
    void certFromAnotherCaIsUntrusted() {
        // Same CA name but a different key: only the CA signature check can catch this.
        TestPki impostor = TestPki.create("Puppet CA: test", TestPki.KeyType.RSA_2048);
        Signer forged = impostor.issueSigner("client.example.net", TestPki.KeyType.RSA_2048);
        Signer foreign = Fixtures.EC_CLIENT; // different CA altogether
        Codec codec = new Codec(new Verifier(Fixtures.RSA_PKI.ca), CLOCK);

        assertThat(rejection(codec, codec.encodeRequest(discovery(forged, NOW.getEpochSecond()), forged, REPLY_TO)).reason())
                .isEqualTo(RejectReason.UNTRUSTED_CERT);
        assertThat(rejection(codec, codec.encodeRequest(discovery(foreign, NOW.getEpochSecond()), foreign, REPLY_TO)).reason())
                .isEqualTo(RejectReason.UNTRUSTED_CERT);
    }

    @Test
    void expiredOrNotYetValidCertIsUntrusted() {
        Signer expired = Fixtures.RSA_PKI.issueSigner("old.example.net", TestPki.KeyType.EC_P256,
                NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)));
        Signer future = Fixtures.RSA_PKI.issueSigner("new.example.net", TestPki.KeyType.EC_P256,
                NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        Codec codec = new Codec(new Verifier(Fixtures.RSA_PKI.ca), CLOCK);

        MessageRejected e = rejection(codec, codec.encodeRequest(discovery(expired, NOW.getEpochSecond()), expired, REPLY_TO));
        assertThat(e.reason()).isEqualTo(RejectReason.UNTRUSTED_CERT);
        assertThat(e.getMessage()).contains("validity");
        assertThat(rejection(codec, codec.encodeRequest(discovery(future, NOW.getEpochSecond()), future, REPLY_TO)).reason())
                .isEqualTo(RejectReason.UNTRUSTED_CERT);
    }

    @Test
    void callerIdMustMatchCertificateUnlessDisabled() throws Exception {
        Signer signer = Fixtures.RSA_CLIENT;
        Request spoofed = new Request(REQ_ID, "x", "choria=someone.else", "mcollective", "discovery", 60,
                NOW.getEpochSecond(), Filter.EMPTY, "ping".getBytes(StandardCharsets.UTF_8));
        byte[] payload = new Codec(CLOCK).encodeRequest(spoofed, signer, REPLY_TO);

        MessageRejected e = rejection(new Codec(new Verifier(Fixtures.RSA_PKI.ca), CLOCK), payload);
        assertThat(e.reason()).isEqualTo(RejectReason.UNTRUSTED_CERT);
        assertThat(e.getMessage()).contains("choria=someone.else");

        Verifier lenient = new Verifier(Fixtures.RSA_PKI.ca, 10, 10, false);
        assertThat(new Codec(lenient, CLOCK).decodeRequest(payload).request().callerId()).isEqualTo("choria=someone.else");
    }

    @Test
    void requestTimeOutsideTtlIsExpiredInBothDirections() throws Exception {
        Signer signer = Fixtures.RSA_CLIENT;
        Codec codec = new Codec(new Verifier(Fixtures.RSA_PKI.ca), CLOCK);
        long now = NOW.getEpochSecond();

        MessageRejected stale = rejection(codec, codec.encodeRequest(discovery(signer, now - 61), signer, REPLY_TO));
        MessageRejected early = rejection(codec, codec.encodeRequest(discovery(signer, now + 61), signer, REPLY_TO));
        assertThat(stale.reason()).isEqualTo(RejectReason.EXPIRED_TTL);
        assertThat(early.reason()).isEqualTo(RejectReason.EXPIRED_TTL);

        // exactly ttl away is still valid, and a longer ttl widens the window
        assertThat(codec.decodeRequest(codec.encodeRequest(discovery(signer, now - 60), signer, REPLY_TO)).request().time())
                .isEqualTo(now - 60);
        assertThat(codec.decodeRequest(codec.encodeRequest(discovery(signer, now + 60), signer, REPLY_TO)).request().time())
                .isEqualTo(now + 60);
        assertThat(codec.decodeRequest(codec.encodeRequest(discovery(signer, now - 300).withTtl(600), signer, REPLY_TO))
                .request().ttl()).isEqualTo(600);
    }

    @Test
    void sameRequestExpiresWhenTheClockMovesOn() throws Exception {
        Signer signer = Fixtures.RSA_CLIENT;
        byte[] payload = new Codec(CLOCK).encodeRequest(discovery(signer, NOW.getEpochSecond()), signer, REPLY_TO);
        Verifier verifier = new Verifier(Fixtures.RSA_PKI.ca);

        assertThat(new Codec(verifier, Fixtures.at(NOW.getEpochSecond() + 59)).decodeRequest(payload)).isNotNull();
        assertThat(rejection(new Codec(verifier, Fixtures.at(NOW.getEpochSecond() + 61)), payload).reason())
                .isEqualTo(RejectReason.EXPIRED_TTL);
    }

    @Test
    void aRepeatedPayloadIsStillCheckedForTtlAndAReusedBufferIsParsedAgain() throws Exception {
        Signer signer = Fixtures.RSA_CLIENT;
        byte[] payload = new Codec(CLOCK).encodeRequest(discovery(signer, NOW.getEpochSecond()), signer, REPLY_TO);
        AtomicLong seconds = new AtomicLong(NOW.getEpochSecond());
        Clock moving = new Clock() { // one codec (one memo) whose time moves on
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochSecond(seconds.get());
            }
        };
        Codec codec = new Codec(new Verifier(Fixtures.RSA_PKI.ca), moving);

        // same bytes again (the parse is shared): every check still runs, the TTL against the clock of this call
        assertThat(codec.decodeRequest(payload).request().requestId()).isEqualTo(REQ_ID);
        assertThat(codec.decodeRequest(payload.clone()).certname()).isEqualTo(signer.certname());
        seconds.addAndGet(61);
        assertThat(rejection(codec, payload).reason()).isEqualTo(RejectReason.EXPIRED_TTL);
        seconds.addAndGet(-61);

        // the caller's buffer, reused for other bytes, must be parsed (and refused) as what it now holds
        String json = new String(payload, StandardCharsets.UTF_8);
        int data = json.indexOf("\"data\":\"") + 8;
        payload[data + 40] = (byte) (payload[data + 40] == 'A' ? 'B' : 'A');
        assertThat(rejection(codec, payload).reason()).isIn(RejectReason.BAD_SIGNATURE, RejectReason.MALFORMED);
    }

    @Test
    void malformedInputIsMalformed() {
        Signer signer = Fixtures.RSA_CLIENT;
        Codec codec = new Codec(new Verifier(Fixtures.RSA_PKI.ca), CLOCK);
        String good = RawMessages.requestJson("choria:request:1", REQ_ID, signer.callerId(), "mcollective",
                "discovery", 60, NOW.getEpochSecond(), "ping");
        String noTtl = RawMessages.requestJson("choria:request:1", REQ_ID, signer.callerId(), "mcollective",
                "discovery", null, NOW.getEpochSecond(), "ping");
        String shortId = RawMessages.requestJson("choria:request:1", "abc", signer.callerId(), "mcollective",
                "discovery", 60, NOW.getEpochSecond(), "ping");

        byte[] valid = codec.encodeRequest(discovery(signer, NOW.getEpochSecond()), signer, REPLY_TO);
        byte[] trailingJunk = (new String(valid, StandardCharsets.UTF_8) + " {}").getBytes(StandardCharsets.UTF_8);

        List<byte[]> payloads = List.of(
                "this is not json".getBytes(StandardCharsets.UTF_8),
                trailingJunk,
                new byte[0],
                "{\"protocol\":\"choria:transport:1\",\"data\":\"%%%not-base64%%%\",\"headers\":{}}".getBytes(StandardCharsets.UTF_8),
                "{\"protocol\":\"choria:transport:1\",\"headers\":{}}".getBytes(StandardCharsets.UTF_8),
                RawMessages.transport("choria:transport:1", "{\"protocol\":".getBytes(StandardCharsets.UTF_8),
                        Base64.getEncoder(), REPLY_TO, "c"),
                RawMessages.secureRequestPayload("choria:transport:1", "choria:secure:request:1", "{not json",
                        RawMessages.sign(signer, "{not json"), signer.certificatePem(), REPLY_TO),
                RawMessages.secureRequestPayload("choria:transport:1", "choria:secure:request:1", noTtl,
                        RawMessages.sign(signer, noTtl), signer.certificatePem(), REPLY_TO),
                RawMessages.secureRequestPayload("choria:transport:1", "choria:secure:request:1", shortId,
                        RawMessages.sign(signer, shortId), signer.certificatePem(), REPLY_TO),
                RawMessages.secureRequestPayload("choria:transport:1", "choria:secure:request:1", good,
                        RawMessages.sign(signer, good), "-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----\n", REPLY_TO));

        for (byte[] payload : payloads) {
            MessageRejected e = rejection(codec, payload);
            assertThat(e).as(new String(payload, StandardCharsets.UTF_8)).isNotNull();
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(RejectReason.MALFORMED);
        }
    }

    @Test
    void unexpectedProtocolAtAnyLevelIsWrongProtocol() {
        Signer signer = Fixtures.RSA_CLIENT;
        Codec codec = new Codec(new Verifier(Fixtures.RSA_PKI.ca), CLOCK);
        String good = RawMessages.requestJson("choria:request:1", REQ_ID, signer.callerId(), "mcollective",
                "discovery", 60, NOW.getEpochSecond(), "ping");
        String v2 = RawMessages.requestJson("io.choria.protocol.v2.request", REQ_ID, signer.callerId(), "mcollective",
                "discovery", 60, NOW.getEpochSecond(), "ping");

        List<byte[]> payloads = List.of(
                RawMessages.secureRequestPayload("io.choria.protocol.v2.transport", "choria:secure:request:1", good,
                        RawMessages.sign(signer, good), signer.certificatePem(), REPLY_TO),
                RawMessages.secureRequestPayload("choria:transport:1", "choria:secure:reply:1", good,
                        RawMessages.sign(signer, good), signer.certificatePem(), REPLY_TO),
                RawMessages.secureRequestPayload("choria:transport:1", "choria:secure:request:1", v2,
                        RawMessages.sign(signer, v2), signer.certificatePem(), REPLY_TO));

        for (byte[] payload : payloads) {
            assertThat(rejection(codec, payload).reason()).isEqualTo(RejectReason.WRONG_PROTOCOL);
        }
    }

    @Test
    void discoveryRequestSizeIsAboutThreeKilobytesWithRsa2048() {
        RequestFactory factory = new RequestFactory(Fixtures.RSA_CLIENT, new Codec(CLOCK));
        int rsaSize = factory.discovery("mcollective").payload().length;
        int ecSize = new RequestFactory(Fixtures.EC_CLIENT, new Codec(CLOCK)).discovery("mcollective").payload().length;
        System.out.printf("discovery request payload: RSA-2048 %d bytes, EC P-256 %d bytes%n", rsaSize, ecSize);

        // Estimate from the notes: ~2.9 KB; a minimal test cert has fewer extensions than Puppet's.
        assertThat(rsaSize).isBetween(2_300, 3_600);
        assertThat(ecSize).isLessThan(rsaSize).isBetween(1_300, 2_600);
    }
}
