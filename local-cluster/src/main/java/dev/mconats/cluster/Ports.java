package dev.mconats.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Fails early and clearly when an address:port the deployment needs is taken. */
final class Ports {
    private Ports() {
    }

    static void requireFree(String address, int port, String what) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // as nats-server and dnsmasq do: TIME_WAIT leftovers do not count as a clash
            s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        } catch (IOException e) {
            throw new ClusterException(address + ":" + port + " (" + what + ") is already in use — another deployment running? try 'mco-nats local down'");
        }
    }
}
