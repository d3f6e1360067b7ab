package dev.mconats.conformance.probe;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * A hand-built TLS ClientHello that offers exactly what a probe wants to ask about, and the server's first answer to
 * it: a ServerHello (which version and cipher suite it chose) or an alert (it refused). No handshake is completed, so
 * no key exchange code is needed, and the JDK's own limits (JDK 21+ disables TLS 1.0 and 1.1 process-wide in
 * {@code jdk.tls.disabledAlgorithms}; JSSE has no NULL, EXPORT or anonymous suites to offer) do not stand in the way.
 * The probes send it on a NATS client connection after INFO, where a NATS client would start TLS.
 */
public final class ClientHello {
    public static final int TLS10 = 0x0301;
    public static final int TLS11 = 0x0302;
    public static final int TLS12 = 0x0303;
    public static final int TLS13 = 0x0304;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RENEGOTIATION_SCSV = 0x00FF;
    // CBC suites every TLS 1.0 stack has (ECDHE-ECDSA, ECDHE-RSA, RSA; AES and 3DES).
    private static final int[] LEGACY_SUITES = {0xC009, 0xC00A, 0xC013, 0xC014, 0x002F, 0x0035, 0x000A};
    private static final int[] TLS13_SUITES = {0x1301, 0x1302, 0x1303};
    // ecdsa_secp256r1/384/521_sha*, rsa_pss_rsae_sha*, rsa_pkcs1_sha*, then the SHA-1 pairs old servers need
    private static final int[] SIGNATURE_ALGORITHMS = {0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601,
        0x0203, 0x0201};
    private static final byte[] HELLO_RETRY_RANDOM = java.util.HexFormat.of()
            .parseHex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");
    private static final Map<Integer, String> ALERTS = Map.ofEntries(
            Map.entry(0, "close_notify"), Map.entry(10, "unexpected_message"), Map.entry(20, "bad_record_mac"),
            Map.entry(40, "handshake_failure"), Map.entry(42, "bad_certificate"), Map.entry(47, "illegal_parameter"),
            Map.entry(50, "decode_error"), Map.entry(70, "protocol_version"), Map.entry(71, "insufficient_security"),
            Map.entry(80, "internal_error"), Map.entry(86, "inappropriate_fallback"), Map.entry(112, "unrecognized_name"));

    private final int version;
    private final int[] suites;

    private ClientHello(int version, int[] suites) {
        this.version = version;
        this.suites = suites.clone();
    }

    /** Offers only TLS 1.0 or only TLS 1.1, with the CBC suites every stack of that time has. */
    public static ClientHello legacy(int version) {
        if (version != TLS10 && version != TLS11) {
            throw new IllegalArgumentException("not a legacy TLS version: " + versionName(version));
        }
        return new ClientHello(version, LEGACY_SUITES);
    }

    /** Offers only TLS 1.2 and only the given cipher suites (IANA code points). */
    public static ClientHello tls12(int... suites) {
        return new ClientHello(TLS12, suites);
    }

    /** Offers only TLS 1.3 (supported_versions, an X25519 key share), with its three standard suites. */
    public static ClientHello tls13() {
        return new ClientHello(TLS13, TLS13_SUITES);
    }

    /** What the server answered. {@code version} and {@code cipherSuite} are set for a ServerHello, {@code alert} for an alert. */
    public record Answer(Kind kind, int version, int cipherSuite, int alert, String detail) {
        public enum Kind { SERVER_HELLO, ALERT, CLOSED, SILENT, OTHER }

        /** True when the server agreed to speak the offered version. */
        public boolean accepted(int offered) {
            return kind == Kind.SERVER_HELLO && version == offered;
        }
    }

    public static String versionName(int version) {
        return switch (version) {
            case 0x0300 -> "SSLv3";
            case TLS10 -> "TLSv1.0";
            case TLS11 -> "TLSv1.1";
            case TLS12 -> "TLSv1.2";
            case TLS13 -> "TLSv1.3";
            default -> String.format("0x%04x", version);
        };
    }

    /** Sends the ClientHello on a connected socket (after the server's INFO) and reads the first record back. */
    public Answer probe(Socket socket, String serverName, Duration timeout) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(encode(serverName));
        out.flush();
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        DataInputStream in = new DataInputStream(socket.getInputStream());
        try {
            int type = in.readUnsignedByte();
            in.readUnsignedShort(); // record-layer version, not the negotiated one
            int length = in.readUnsignedShort();
            if (type == 21 && length >= 2) {
                int level = in.readUnsignedByte();
                int description = in.readUnsignedByte();
                return new Answer(Answer.Kind.ALERT, 0, -1, description, (level == 2 ? "fatal" : "warning") + " alert "
                        + ALERTS.getOrDefault(description, "#" + description) + " (" + description + ")");
            }
            if (type == 22 && length >= 6 && length <= 1 << 14) {
                byte[] record = new byte[length];
                in.readFully(record);
                return serverHello(ByteBuffer.wrap(record));
            }
            return new Answer(Answer.Kind.OTHER, 0, -1, -1, "TLS record type " + type + " (" + length + " bytes) instead of ServerHello or alert");
        } catch (EOFException e) {
            return new Answer(Answer.Kind.CLOSED, 0, -1, -1, "connection closed without a TLS answer");
        } catch (SocketTimeoutException e) {
            return new Answer(Answer.Kind.SILENT, 0, -1, -1, "no TLS answer within " + timeout.toMillis() + " ms");
        } catch (SocketException e) {
            return new Answer(Answer.Kind.CLOSED, 0, -1, -1, "connection reset without a TLS answer");
        }
    }

    /** Reads a ServerHello: version (TLS 1.3 names itself in supported_versions), cipher suite; a HelloRetryRequest counts. */
    static Answer serverHello(ByteBuffer b) {
        int handshakeType = b.get() & 0xff;
        if (handshakeType != 2) {
            return new Answer(Answer.Kind.OTHER, 0, -1, -1, "handshake message type " + handshakeType + " instead of ServerHello");
        }
        b.position(b.position() + 3); // handshake length
        int legacyVersion = b.getShort() & 0xffff;
        if (b.remaining() < 32 + 1) {
            return new Answer(Answer.Kind.SERVER_HELLO, legacyVersion, -1, -1, "ServerHello choosing " + versionName(legacyVersion));
        }
        byte[] random = new byte[32];
        b.get(random);
        int sessionId = b.get() & 0xff;
        if (b.remaining() < sessionId + 3) {
            return new Answer(Answer.Kind.SERVER_HELLO, legacyVersion, -1, -1, "ServerHello choosing " + versionName(legacyVersion));
        }
        b.position(b.position() + sessionId);
        int suite = b.getShort() & 0xffff;
        b.get(); // compression
        int version = legacyVersion;
        if (b.remaining() >= 2) {
            int end = Math.min(b.limit(), b.position() + 2 + (b.getShort() & 0xffff));
            while (b.position() + 4 <= end) {
                int ext = b.getShort() & 0xffff;
                int len = b.getShort() & 0xffff;
                if (ext == 0x002b && len == 2 && b.position() + 2 <= end) {
                    version = b.getShort() & 0xffff;
                } else {
                    b.position(Math.min(end, b.position() + len));
                }
            }
        }
        String what = Arrays.equals(random, HELLO_RETRY_RANDOM) ? "HelloRetryRequest" : "ServerHello";
        return new Answer(Answer.Kind.SERVER_HELLO, version, suite, -1, what + " choosing " + versionName(version) + " "
                + CipherSuites.name(suite));
    }

    /** The ClientHello record. SNI is sent for host names, not for IP literals (as TLS clients do). */
    byte[] encode(String serverName) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, version == TLS13 ? TLS12 : version); // TLS 1.3 keeps 1.2 here and names itself in supported_versions
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        body.writeBytes(random);
        if (version == TLS13) {
            body.write(32); // a legacy session id, as middlebox-compatible TLS 1.3 clients send
            byte[] sessionId = new byte[32];
            RANDOM.nextBytes(sessionId);
            body.writeBytes(sessionId);
        } else {
            body.write(0);
        }
        int[] offered = version == TLS13 ? suites : Arrays.copyOf(suites, suites.length + 1);
        if (version != TLS13) {
            offered[suites.length] = RENEGOTIATION_SCSV;
        }
        u16(body, offered.length * 2);
        for (int s : offered) {
            u16(body, s);
        }
        body.write(1);
        body.write(0); // null compression only

        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        if (serverName != null && !ServerNames.isIpLiteral(serverName)) {
            byte[] name = serverName.getBytes(StandardCharsets.US_ASCII);
            u16(ext, 0x0000);
            u16(ext, name.length + 5);
            u16(ext, name.length + 3);
            ext.write(0); // host_name
            u16(ext, name.length);
            ext.writeBytes(name);
        }
        u16(ext, 0x000a); // supported_groups: x25519, secp256r1, secp384r1
        u16(ext, 8);
        u16(ext, 6);
        u16(ext, 0x001d);
        u16(ext, 0x0017);
        u16(ext, 0x0018);
        u16(ext, 0x000b); // ec_point_formats: uncompressed
        u16(ext, 2);
        ext.write(1);
        ext.write(0);
        if (version >= TLS12) { // not meaningful before TLS 1.2, and clients of those versions must not send it
            u16(ext, 0x000d);
            u16(ext, SIGNATURE_ALGORITHMS.length * 2 + 2);
            u16(ext, SIGNATURE_ALGORITHMS.length * 2);
            for (int a : SIGNATURE_ALGORITHMS) {
                u16(ext, a);
            }
        }
        if (version == TLS13) {
            u16(ext, 0x002b); // supported_versions: TLS 1.3 only
            u16(ext, 3);
            ext.write(2);
            u16(ext, TLS13);
            u16(ext, 0x002d); // psk_key_exchange_modes: psk_dhe_ke
            u16(ext, 2);
            ext.write(1);
            ext.write(1);
            byte[] share = new byte[32]; // any 32 bytes are an X25519 public key; no handshake follows
            RANDOM.nextBytes(share);
            u16(ext, 0x0033); // key_share: x25519
            u16(ext, 2 + 4 + 32);
            u16(ext, 4 + 32);
            u16(ext, 0x001d);
            u16(ext, 32);
            ext.writeBytes(share);
        }
        u16(body, ext.size());
        body.writeBytes(ext.toByteArray());

        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        handshake.write(1); // client_hello
        u24(handshake, body.size());
        handshake.writeBytes(body.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(22); // handshake
        u16(record, TLS10);
        u16(record, handshake.size());
        record.writeBytes(handshake.toByteArray());
        return record.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write((v >>> 8) & 0xff);
        out.write(v & 0xff);
    }

    private static void u24(ByteArrayOutputStream out, int v) {
        out.write((v >>> 16) & 0xff);
        u16(out, v & 0xffff);
    }
}
