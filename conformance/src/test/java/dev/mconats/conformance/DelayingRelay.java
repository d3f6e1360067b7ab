package dev.mconats.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback that holds every chunk the server sends for {@code delay} before passing it on: a server
 * that answers late (a far or busy member) without touching the server. TLS goes through it untouched.
 */
final class DelayingRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    DelayingRelay(InetSocketAddress listen, InetSocketAddress upstream, Duration delay) throws IOException {
        this.listener = new ServerSocket();
        listener.bind(listen);
        Thread.ofPlatform().daemon().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket server = new Socket(upstream.getAddress(), upstream.getPort());
                    open.add(client);
                    open.add(server);
                    pump(client, server, Duration.ZERO);
                    pump(server, client, delay);
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    static InetSocketAddress at(String address, int port) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(address), port);
    }

    private static void pump(Socket from, Socket to, Duration delay) {
        Thread.ofPlatform().daemon().start(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    Thread.sleep(delay);
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // one side went away: the other is closed below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        open.forEach(DelayingRelay::closeQuietly);
    }
}
