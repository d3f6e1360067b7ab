package dev.mconats.conformance.probe;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

/**
 * Offers ONLY TLS 1.0 or 1.1 in a hand-built ClientHello and reads the server's first answer: a ServerHello (the
 * server agreed to that version) or an alert (it refused). The JDK cannot make this probe: JDK 21+ disables TLS 1.0
 * and 1.1 process-wide in {@code jdk.tls.disabledAlgorithms}, and changing that security property would also change
 * the protocol of every other connection in the JVM (and only works before JSSE first reads it). The answer to a
 * ClientHello settles the question without completing a handshake, so no key exchange code is needed.
 */
public final class LegacyClientHello {
    public static final int TLS10 = 0x0301;
    public static final int TLS11 = 0x0302;

    private static final SecureRandom RANDOM = new SecureRandom();
    // CBC suites every TLS 1.0 stack has (ECDHE-ECDSA, ECDHE-RSA, RSA; AES and 3DES), plus the renegotiation SCSV.
    private static final int[] SUITES = {0xC009, 0xC00A, 0xC013, 0xC014, 0x002F, 0x0035, 0x000A, 0x00FF};
    private static final Map<Integer, String> ALERTS = Map.ofEntries(
            Map.entry(0, "close_notify"), Map.entry(10, "unexpected_message"), Map.entry(20, "bad_record_mac"),
            Map.entry(40, "handshake_failure"), Map.entry(42, "bad_certificate"), Map.entry(47, "illegal_parameter"),
            Map.entry(50, "decode_error"), Map.entry(70, "protocol_version"), Map.entry(71, "insufficient_security"),
            Map.entry(80, "internal_error"), Map.entry(86, "inappropriate_fallback"), Map.entry(112, "unrecognized_name"));

    private LegacyClientHello() {
    }

    /** What the server answered. {@code serverVersion} is set for a ServerHello, {@code alert} for an alert. */
    public record Answer(Kind kind, int serverVersion, int alert, String detail) {
        public enum Kind { SERVER_HELLO, ALERT, CLOSED, SILENT, OTHER }

        /** True when the server agreed to speak the offered legacy version. */
        public boolean accepted(int offered) {
            return kind == Kind.SERVER_HELLO && serverVersion == offered;
        }
    }

    public static String versionName(int version) {
        return switch (version) {
            case 0x0300 -> "SSLv3";
            case TLS10 -> "TLSv1.0";
            case TLS11 -> "TLSv1.1";
            case 0x0303 -> "TLSv1.2";
            case 0x0304 -> "TLSv1.3";
            default -> String.format("0x%04x", version);
        };
    }

    /** Sends the ClientHello on a connected socket (after the server's INFO) and reads the first record back. */
    public static Answer probe(Socket socket, int version, String serverName, Duration timeout) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(clientHello(version, serverName));
        out.flush();
        socket.setSoTimeout((int) timeout.toMillis());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        try {
            int type = in.readUnsignedByte();
            in.readUnsignedShort(); // record-layer version, not the negotiated one
            int length = in.readUnsignedShort();
            if (type == 21 && length >= 2) {
                int level = in.readUnsignedByte();
                int description = in.readUnsignedByte();
                return new Answer(Answer.Kind.ALERT, 0, description, (level == 2 ? "fatal" : "warning") + " alert "
                        + ALERTS.getOrDefault(description, "#" + description) + " (" + description + ")");
            }
            if (type == 22 && length >= 6) {
                int handshakeType = in.readUnsignedByte();
                in.readUnsignedByte();
                in.readUnsignedShort(); // handshake length
                int serverVersion = in.readUnsignedShort();
                if (handshakeType == 2) {
                    return new Answer(Answer.Kind.SERVER_HELLO, serverVersion, -1, "ServerHello choosing " + versionName(serverVersion));
                }
                return new Answer(Answer.Kind.OTHER, 0, -1, "handshake message type " + handshakeType + " instead of ServerHello");
            }
            return new Answer(Answer.Kind.OTHER, 0, -1, "TLS record type " + type + " (" + length + " bytes) instead of ServerHello or alert");
        } catch (EOFException e) {
            return new Answer(Answer.Kind.CLOSED, 0, -1, "connection closed without a TLS answer");
        } catch (SocketTimeoutException e) {
            return new Answer(Answer.Kind.SILENT, 0, -1, "no TLS answer within " + timeout.toMillis() + " ms");
        } catch (java.net.SocketException e) {
            return new Answer(Answer.Kind.CLOSED, 0, -1, "connection reset without a TLS answer");
        }
    }

    static byte[] clientHello(int version, String serverName) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, version);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        u16(body, SUITES.length * 2);
        for (int s : SUITES) {
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
