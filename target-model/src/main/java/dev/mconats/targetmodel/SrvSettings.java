package dev.mconats.targetmodel;

import java.net.InetSocketAddress;
import java.util.Optional;

/** Where to find the servers through DNS: the domain, and the DNS server to ask (system resolver if empty). */
public record SrvSettings(String domain, Optional<InetSocketAddress> dnsServer) {
    public static final String SERVICE = "_mcollective-server._tcp.";
    public static final String LEGACY_SERVICE = "_x-puppet-mcollective._tcp.";

    public String serviceName() {
        return SERVICE + domain;
    }

    public String legacyServiceName() {
        return LEGACY_SERVICE + domain;
    }
}
