package dev.mconats.conformance.probe;

import dev.mconats.conformance.Evidence;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A hand-driven NATS session over a plain socket, optionally upgraded to TLS: the probes that must see exactly what
 * a server does with a client that is not quite right (no TLS, no or a bad certificate, a silent handshake) speak the
 * protocol themselves instead of through a client library that would hide or retry. Every line sent and received is
 * written to the evidence with its time since the session started.
 */
public final class RawNats implements Closeable {
    private static final int MAX_LINE = 64 * 1024;
    private static final Duration AFTER_HANDSHAKE = Duration.ofMillis(150);

    private final Socket plain;
    private final InetSocketAddress endpoint;
    private final Evidence evidence;
    private final long start; // just before the TCP connect: the server cannot have started any timer earlier
    private long infoRead = -1; // when INFO had been read, since start: the server's timer had started by then
    private Socket active;
    private InputStream in;
    private OutputStream out;

    private RawNats(Socket plain, InetSocketAddress endpoint, Evidence evidence, long start) throws IOException {
        this.start = start;
        this.plain = plain;
        this.endpoint = endpoint;
        this.evidence = evidence;
        use(plain);
    }

    /** Opens a TCP connection; the caller reads INFO next (or, on a TLS-first port, starts TLS). */
    public static RawNats open(InetSocketAddress endpoint, Duration timeout, Evidence evidence) throws IOException {
        Socket s = new Socket();
        long t0 = System.nanoTime();
        try {
            s.connect(endpoint, (int) timeout.toMillis());
            s.setTcpNoDelay(true);
        } catch (IOException e) {
            s.close();
            evidence.time("TCP connect to " + label(endpoint) + " failed after " + Evidence.ms(System.nanoTime() - t0) + ": " + oneLine(e));
            throw e;
        }
        evidence.time("TCP connect to " + label(endpoint) + " in " + Evidence.ms(System.nanoTime() - t0));
        return new RawNats(s, endpoint, evidence, t0);
    }

    private void use(Socket s) throws IOException {
        active = s;
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    /** Reads the server's INFO line. Throws if the server sends something else, closes, or stays silent. */
    public NatsInfo readInfo(Duration timeout) throws IOException {
        String line = readLine(timeout);
        if (line == null) {
            throw new EOFException("connection closed without INFO after " + Evidence.ms(elapsed()));
        }
        try {
            NatsInfo info = NatsInfo.parse(line);
            infoRead = elapsed();
            return info;
        } catch (IllegalArgumentException e) {
            throw new IOException("not a NATS client port: " + e.getMessage());
        }
    }

    /**
     * Upgrades to TLS as a NATS client does after INFO. {@code host} is the name the client uses (sent as SNI);
     * {@code protocols} pins TLS versions, null leaves the JDK's defaults (TLS 1.3 and 1.2).
     */
    public SSLSession startTls(SSLContext context, String host, String[] protocols, Duration timeout) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, endpoint.getPort(), true);
        tls.setUseClientMode(true);
        if (protocols != null) {
            tls.setEnabledProtocols(protocols);
        }
        tls.setSoTimeout((int) timeout.toMillis());
        long t0 = System.nanoTime();
        try {
            tls.startHandshake();
        } catch (IOException e) {
            evidence.received("TLS handshake failed after " + Evidence.ms(System.nanoTime() - t0) + ": " + tlsProblem(e));
            throw e;
        }
        SSLSession session = tls.getSession();
        evidence.time("TLS handshake " + session.getProtocol() + " " + session.getCipherSuite() + " in " + Evidence.ms(System.nanoTime() - t0));
        use(tls);
        return session;
    }

    /**
     * CONNECT, SUB and PUB on a probe subject, then PING: the server's answer shows whether this client may
     * subscribe and publish. Reads until PONG, -ERR, close, TLS alert, or the timeout.
     */
    public Exchange connectSubscribePublish(String connectJson, String subject, Duration timeout) {
        long t0 = System.nanoTime();
        if (active != plain) {
            Exchange early = listenAfterHandshake(t0);
            if (early != null) {
                return early;
            }
        }
        String payload = "probe";
        try {
            send("CONNECT " + connectJson);
            send("SUB " + subject + " 1");
            send("PUB " + subject + " " + payload.length());
            send(payload);
            send("PING");
        } catch (IOException e) {
            // A server that refused the TLS client certificate often closes before our first write completes.
            return refusal(e, t0);
        }
        return awaitPong(timeout, t0, true);
    }

    /** CONNECT then PING (route probes): accepted on PONG. */
    public Exchange connectPing(String connectJson, String shownConnect, Duration timeout) {
        long t0 = System.nanoTime();
        try {
            write("CONNECT " + connectJson, "CONNECT " + shownConnect);
            send("PING");
        } catch (IOException e) {
            return refusal(e, t0);
        }
        return awaitPong(timeout, t0, false);
    }

    /**
     * With TLS 1.3 the server judges the client certificate after the client's handshake is done, and answers a bad
     * one with an alert. Listening briefly before writing catches that alert; writing first races it, and the reset
     * caused by the unread write destroys it (the probe would only see "broken pipe").
     */
    private Exchange listenAfterHandshake(long t0) {
        try {
            String line = readLine(AFTER_HANDSHAKE);
            if (line == null) {
                evidence.received("connection closed by the server right after the TLS handshake");
                return Exchange.refused("connection closed by the server right after the TLS handshake", System.nanoTime() - t0);
            }
            return line.startsWith("-ERR") ? Exchange.refused(line, System.nanoTime() - t0) : null;
        } catch (SocketTimeoutException e) {
            return null; // nothing to say: the server waits for CONNECT, as it should for an accepted client
        } catch (IOException e) {
            return refusal(e, t0);
        }
    }

    private Exchange awaitPong(Duration timeout, long t0, boolean expectEcho) {
        boolean echoed = false;
        long deadline = t0 + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new Exchange(Exchange.Answer.SILENT, "no answer within " + timeout.toMillis() + " ms", echoed, System.nanoTime() - t0);
                }
                String line = readLine(Duration.ofNanos(left));
                if (line == null) {
                    evidence.received("connection closed by the server");
                    return Exchange.refused("connection closed by the server", System.nanoTime() - t0);
                }
                if (line.startsWith("PONG")) {
                    return new Exchange(Exchange.Answer.ACCEPTED, "PONG" + (echoed ? " after its own message came back" : ""), echoed, System.nanoTime() - t0);
                }
                if (line.startsWith("-ERR")) {
                    return Exchange.refused(line, System.nanoTime() - t0);
                }
                if (line.startsWith("MSG ")) {
                    readLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))); // the payload line
                    echoed = expectEcho;
                } else if (line.startsWith("PING")) {
                    send("PONG");
                }
            }
        } catch (SocketTimeoutException e) {
            return new Exchange(Exchange.Answer.SILENT, "no answer within " + timeout.toMillis() + " ms", echoed, System.nanoTime() - t0);
        } catch (IOException e) {
            return refusal(e, t0);
        }
    }

    private Exchange refusal(IOException e, long t0) {
        String why = e instanceof SSLException ? tlsProblem(e) : oneLine(e);
        evidence.received(why);
        return Exchange.refused(why, System.nanoTime() - t0);
    }

    /**
     * How a silent session ended, in nanoseconds since the TCP connect began. The server's timer started somewhere
     * between {@code start} (the connect) and {@code infoRead} (INFO had arrived), so the time it granted lies between
     * {@link #atLeast()} and {@link #atMost()}.
     *
     * @param closedAt when the server closed or reset the connection, -1 if it was still open at {@code watchedUntil}
     * @param strayBytes bytes the server sent meanwhile (a client port sends nothing after INFO until the handshake)
     */
    public record Silence(long infoRead, long closedAt, long watchedUntil, long strayBytes) {
        public boolean closed() {
            return closedAt >= 0;
        }

        /** The least time the server can have waited: from INFO's arrival to the close (or to the end of the watch). */
        public long atLeast() {
            return (closed() ? closedAt : watchedUntil) - infoRead;
        }

        /** The most time the server can have waited: from the connect to the close. */
        public long atMost() {
            return closed() ? closedAt : Long.MAX_VALUE;
        }
    }

    /**
     * Stays silent after INFO and watches until the server closes: on a TLS port this is the time the server grants a
     * client to complete its TLS handshake. The watch lasts until {@code fromConnect} after the TCP connect began and
     * at least {@code afterInfo} after INFO was read, so a probe that was slow to read INFO still watches long enough
     * to see the server's timer run out. Bytes the server sends meanwhile are noted and do not end the watch.
     */
    public Silence watchSilence(Duration fromConnect, Duration afterInfo) throws IOException {
        if (infoRead < 0) {
            throw new IllegalStateException("read INFO first");
        }
        long watchFrom = elapsed();
        long until = Math.max(fromConnect.toNanos(), infoRead + afterInfo.toNanos());
        long stray = 0;
        while (true) {
            long left = until - elapsed();
            if (left <= 0) {
                evidence.note("connection still open " + Evidence.ms(elapsed()) + " after the TCP connect began ("
                        + Evidence.ms(elapsed() - infoRead) + " after INFO was read)");
                return new Silence(infoRead, -1, elapsed(), stray);
            }
            active.setSoTimeout((int) Math.max(1, left / 1_000_000));
            try {
                int b = in.read();
                if (b < 0) {
                    long took = elapsed();
                    evidence.received("connection closed by the server " + Evidence.ms(took) + " after the TCP connect began ("
                            + Evidence.ms(took - infoRead) + " after INFO was read, " + Evidence.ms(took - watchFrom) + " into the watch)");
                    return new Silence(infoRead, took, took, stray);
                }
                if (stray++ == 0) {
                    evidence.received("unexpected byte 0x" + Integer.toHexString(b) + " after " + Evidence.ms(elapsed())
                            + " (still watching for the close)");
                }
            } catch (SocketTimeoutException e) {
                // loop: the deadline decides
            } catch (SocketException e) {
                long took = elapsed();
                evidence.received("connection reset by the server " + Evidence.ms(took) + " after the TCP connect began ("
                        + Evidence.ms(took - infoRead) + " after INFO was read)");
                return new Silence(infoRead, took, took, stray);
            }
        }
    }

    /** The plain socket, for probes that speak raw TLS records on it (hand-built ClientHellos). */
    public Socket socket() {
        return plain;
    }

    public long elapsed() {
        return System.nanoTime() - start;
    }

    public void send(String line) throws IOException {
        write(line, line);
    }

    private void write(String line, String shown) throws IOException {
        evidence.sent(stamp() + shown);
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one CRLF-terminated line; null at end of stream. */
    public String readLine(Duration timeout) throws IOException {
        active.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (buf.size() > 0) {
                    evidence.received(stamp() + buf.toString(StandardCharsets.UTF_8) + " (then closed)");
                }
                return null;
            }
            if (prev == '\r' && b == '\n') {
                byte[] bytes = buf.toByteArray();
                String line = new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                evidence.received(stamp() + line);
                return line;
            }
            buf.write(b);
            prev = b;
            if (buf.size() > MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
        }
    }

    private String stamp() {
        return "[+" + Evidence.ms(elapsed()) + "] ";
    }

    @Override
    public void close() {
        try {
            active.close();
        } catch (IOException ignored) {
            // closing a probe socket: nothing to report
        }
        try {
            plain.close();
        } catch (IOException ignored) {
            // as above
        }
    }

    public static String label(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** The server's TLS alert or the local reason, without the JDK's exception class names. */
    public static String tlsProblem(Throwable e) {
        String m = oneLine(e);
        int i = m.indexOf("Received fatal alert: ");
        if (i >= 0) {
            return "server sent TLS alert " + m.substring(i + "Received fatal alert: ".length());
        }
        return m;
    }

    public static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        } else if (e instanceof EOFException || e instanceof SocketTimeoutException) {
            m = e.getClass().getSimpleName().replace("Exception", "") + ": " + m;
        } else if (m.contains("Broken pipe")) {
            m = "the server had closed the connection (broken pipe)";
        } else if (m.contains("Connection reset")) {
            m = "the server reset the connection";
        }
        return m.replace('\n', ' ');
    }
}
