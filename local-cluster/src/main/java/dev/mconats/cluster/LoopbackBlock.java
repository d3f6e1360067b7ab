package dev.mconats.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks a free {@code 127.0.N.} block for a throw-away deployment (tests, broken clusters), so that it never clashes
 * with the embedded default on 127.0.0.x / 127.0.1.x or with another test's deployment.
 */
public final class LoopbackBlock {
    private LoopbackBlock() {
    }

    public static String free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int n = ThreadLocalRandom.current().nextInt(10, 250);
            String prefix = "127.0." + n + ".";
            if (free(prefix + "11", 4222) && free(prefix + "2", DNS_PORT)) {
                return prefix;
            }
        }
        throw new ClusterException("no free 127.0.N.x block found for a local deployment");
    }

    private static final int DNS_PORT = EmbeddedDefault.DNS_PORT;

    private static boolean free(String address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
