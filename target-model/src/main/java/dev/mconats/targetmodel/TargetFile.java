package dev.mconats.targetmodel;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a target file: HOCON (Typesafe Config, which Gatling already ships), everything under {@code target { }},
 * with defaults from {@code reference.conf} in this module. Every bad value fails with the key and the problem.
 */
public final class TargetFile {
    private TargetFile() {
    }

    public static Target load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TargetException("target file not found: " + file);
        }
        Config parsed;
        try {
            parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new TargetException("target file " + file + " is malformed: " + oneLine(e));
        }
        return fromConfig(parsed, Optional.of(file.toAbsolutePath()));
    }

    public static Target parse(String hocon, Path baseDir) {
        Config parsed;
        try {
            parsed = ConfigFactory.parseString(hocon);
        } catch (ConfigException e) {
            throw new TargetException("target is malformed: " + oneLine(e));
        }
        return fromConfig(parsed, Optional.of(baseDir.resolve("target.conf").toAbsolutePath()));
    }

    static Target fromConfig(Config parsed, Optional<Path> file) {
        Config c;
        try {
            c = parsed.withFallback(ConfigFactory.defaultReference(TargetFile.class.getClassLoader()))
                    .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(true))
                    .getConfig("target");
        } catch (ConfigException e) {
            throw new TargetException("target file " + file.map(Path::toString).orElse("") + ": " + oneLine(e));
        }
        Path base = file.map(Path::getParent).orElse(Path.of("."));
        Reader r = new Reader(c);

        List<ServerAddress> servers = new ArrayList<>();
        for (String s : r.strings("servers")) {
            try {
                servers.add(ServerAddress.parse(s));
            } catch (IllegalArgumentException e) {
                throw new TargetException("target.servers: " + e.getMessage());
            }
        }
        String domain = r.string("srv.domain");
        Optional<SrvSettings> srv = domain.isEmpty() ? Optional.empty()
                : Optional.of(new SrvSettings(domain, r.hostPort("srv.dns-server")));

        Map<String, String> hosts = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : c.getConfig("hosts").root().entrySet()) {
            hosts.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
        }

        List<URI> monitors = new ArrayList<>();
        for (String m : r.strings("monitor")) {
            try {
                URI u = URI.create(m);
                if (u.getScheme() == null || !u.getScheme().startsWith("http") || u.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                monitors.add(u);
            } catch (IllegalArgumentException e) {
                throw new TargetException("target.monitor: not an http(s) URL: '" + m + "'");
            }
        }

        TlsFiles tls = new TlsFiles(
                r.file("tls.ca", base, true).orElseThrow(),
                r.file("tls.cert", base, true).orElseThrow(),
                r.file("tls.key", base, true).orElseThrow(),
                r.file("tls.ca-key", base, false));

        RouteSettings routes = new RouteSettings(
                r.port("cluster.route-port"), r.bool("cluster.probe-routes"),
                r.string("cluster.route-user"), Secret.of(r.string("cluster.route-password")));

        return new Target(
                r.string("name"), file, servers, srv, hosts, monitors, r.port("monitor-port"), tls,
                r.positiveInt("tls.expiry-warning-days"), r.positiveInt("cluster.expected-size"), routes,
                r.positiveLong("expected-fleet-size"), r.bool("load.allow-non-loopback"), fault(c));
    }

    private static FaultSettings fault(Config c) {
        Reader r = new Reader(c);
        Duration timeout = r.duration("fault.command-timeout");
        List<FaultSettings.Member> members = new ArrayList<>();
        List<? extends Config> list;
        try {
            list = c.getConfigList("fault.members");
        } catch (ConfigException e) {
            throw new TargetException("target.fault.members: " + Reader.problem(e));
        }
        for (int i = 0; i < list.size(); i++) {
            String key = "target.fault.members[" + i + "]";
            Reader m = new Reader(list.get(i).withFallback(ConfigFactory.parseString("name = \"\", kill = \"\", stop = \"\", start = \"\"")),
                    key + ".");
            ServerAddress server;
            try {
                server = ServerAddress.parse(m.string("server"));
            } catch (IllegalArgumentException e) {
                throw new TargetException(key + ".server: " + e.getMessage());
            }
            String start = m.string("start");
            if (start.isEmpty()) {
                throw new TargetException(key + ".start: required (the command that starts " + server + " again)");
            }
            String stop = m.string("stop");
            String kill = m.string("kill");
            if (stop.isEmpty() && kill.isEmpty()) {
                throw new TargetException(key + ": needs a stop or a kill command for " + server);
            }
            String name = m.string("name");
            members.add(new FaultSettings.Member(name.isEmpty() ? server.host() : name, server, stop, kill, start));
        }
        return new FaultSettings(r.bool("fault.allow-member-commands"), timeout, members);
    }

    static String oneLine(Exception e) {
        return String.valueOf(e.getMessage()).replace('\n', ' ');
    }

    /** Typed reads that name the full key in every error. */
    private record Reader(Config c, String prefix) {
        Reader(Config c) {
            this(c, "target.");
        }

        String key(String path) {
            return prefix + path;
        }

        String string(String path) {
            try {
                return c.getString(path).trim();
            } catch (ConfigException e) {
                throw new TargetException(key(path) + ": " + problem(e));
            }
        }


        List<String> strings(String path) {
            try {
                return c.getStringList(path);
            } catch (ConfigException e) {
                throw new TargetException(key(path) + ": " + problem(e));
            }
        }

        Duration duration(String path) {
            try {
                Duration d = c.getDuration(path);
                if (d.isNegative() || d.isZero()) {
                    throw new TargetException(key(path) + ": must be positive, got " + c.getString(path));
                }
                return d;
            } catch (ConfigException e) {
                throw new TargetException(key(path) + ": " + problem(e));
            }
        }

        boolean bool(String path) {
            try {
                return c.getBoolean(path);
            } catch (ConfigException e) {
                throw new TargetException(key(path) + ": " + problem(e));
            }
        }

        int positiveInt(String path) {
            long v = positiveLong(path);
            if (v > Integer.MAX_VALUE) {
                throw new TargetException(key(path) + ": " + v + " is too large");
            }
            return (int) v;
        }

        long positiveLong(String path) {
            long v;
            try {
                v = c.getLong(path);
            } catch (ConfigException e) {
                throw new TargetException(key(path) + ": " + problem(e));
            }
            if (v < 1) {
                throw new TargetException(key(path) + ": must be at least 1, got " + v);
            }
            return v;
        }

        int port(String path) {
            long v = positiveLong(path);
            if (v > 65535) {
                throw new TargetException(key(path) + ": port " + v + " out of range 1-65535");
            }
            return (int) v;
        }

        Optional<InetSocketAddress> hostPort(String path) {
            String v = string(path);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            int colon = v.lastIndexOf(':');
            try {
                if (colon < 1) {
                    throw new NumberFormatException();
                }
                int port = Integer.parseInt(v.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return Optional.of(new InetSocketAddress(v.substring(0, colon), port));
            } catch (NumberFormatException e) {
                throw new TargetException(key(path) + ": expected host:port, got '" + v + "'");
            }
        }

        Optional<Path> file(String path, Path base, boolean required) {
            String v = string(path);
            if (v.isEmpty()) {
                if (required) {
                    throw new TargetException(key(path) + ": required (path to a PEM file)");
                }
                return Optional.empty();
            }
            Path p = base.resolve(v).normalize();
            if (!Files.isRegularFile(p)) {
                throw new TargetException(key(path) + ": file not found: " + p);
            }
            if (!Files.isReadable(p)) {
                throw new TargetException(key(path) + ": file not readable: " + p);
            }
            return Optional.of(p);
        }

        static String problem(ConfigException e) {
            String m = String.valueOf(e.getMessage());
            int i = m.indexOf(": ");
            // Typesafe prefixes "origin: line: path": keep only the explanation after the last "has type" etc.
            return (i >= 0 && m.contains("has type")) ? m.substring(m.indexOf("has type")) : m.replace('\n', ' ');
        }
    }
}
