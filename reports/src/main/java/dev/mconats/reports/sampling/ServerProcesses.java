package dev.mconats.reports.sampling;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the server process behind a monitor URL on this machine and reads the limits the process really runs with,
 * for the capacity report: its open-files limit (the soft "Max open files" of {@code /proc/<pid>/limits}; Go raises
 * the soft limit to the hard one at start, so this is what the server can use) and how many files it has open.
 *
 * <p>The process is the one that holds the socket listening on the monitor URL's address and port (the LISTEN
 * entries of {@code /proc/self/net/tcp[6]} against the socket links in {@code /proc/<pid>/fd}), among the PIDs the
 * caller names (the load command passes its local servers') and every process whose name contains "nats". A server on
 * another machine has no such process here; then the limit declared in the target file is used, else it is unknown.
 * Linux only; anything unreadable leaves the figure unknown, never made up.
 */
public final class ServerProcesses {
    private static final Path PROC = Path.of("/proc");

    private final List<Long> pidHints;
    private final long declaredOpenFilesLimit;

    private ServerProcesses(List<Long> pidHints, long declaredOpenFilesLimit) {
        this.pidHints = List.copyOf(pidHints);
        this.declaredOpenFilesLimit = declaredOpenFilesLimit;
    }

    /** Look the servers up among these PIDs first, then among processes named like nats-server. */
    public static ServerProcesses lookup(List<Long> pidHints) {
        return new ServerProcesses(pidHints, -1);
    }

    /**
     * The open-files limit to report for a server that is not a process on this machine (from the target file);
     * 0 or less: unknown.
     */
    public ServerProcesses withDeclaredOpenFilesLimit(long limit) {
        return new ServerProcesses(pidHints, limit > 0 ? limit : -1);
    }

    /** What is known about one server's process. Unknown counts are -1. */
    public record Found(long pid, long openFilesLimit, long openFiles, String source) {
    }

    /** The process behind a monitor URL, else the declared limit, else empty. */
    public Optional<Found> find(URI monitorUrl) {
        Optional<Found> local = local(monitorUrl);
        if (local.isPresent() || declaredOpenFilesLimit < 0) {
            return local;
        }
        return Optional.of(new Found(-1, declaredOpenFilesLimit, -1, SampleFormat.SOURCE_TARGET_FILE));
    }

    private Optional<Found> local(URI monitorUrl) {
        if (!Files.isDirectory(PROC) || monitorUrl.getHost() == null) {
            return Optional.empty();
        }
        InetAddress want;
        try {
            want = InetAddress.getByName(monitorUrl.getHost());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        int port = monitorUrl.getPort() > 0 ? monitorUrl.getPort() : "https".equals(monitorUrl.getScheme()) ? 443 : 80;
        Set<String> listening = listeningInodes(want, port);
        if (listening.isEmpty()) {
            return Optional.empty();
        }
        for (long pid : candidates()) {
            if (holdsAny(pid, listening)) {
                OptionalLong limit = openFilesLimit(pid);
                if (limit.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new Found(pid, limit.getAsLong(), openFiles(pid), "/proc/" + pid + "/limits"));
            }
        }
        return Optional.empty();
    }

    private List<Long> candidates() {
        Set<Long> out = new LinkedHashSet<>(pidHints);
        try (Stream<Path> s = Files.list(PROC)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit)).forEach(n -> {
                long pid = Long.parseLong(n);
                try {
                    if (Files.readString(PROC.resolve(n).resolve("comm")).toLowerCase(Locale.ROOT).contains("nats")) {
                        out.add(pid);
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended, or is not ours to read
                }
            });
        } catch (IOException e) {
            // no procfs listing: only the hints
        }
        return new ArrayList<>(out);
    }

    /** Whether the process holds one of these sockets ("socket:[inode]" links in /proc/<pid>/fd, listeners come first). */
    private static boolean holdsAny(long pid, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[") && inodes.contains(link.substring(8, link.length() - 1))) {
                        return true;
                    }
                } catch (IOException | RuntimeException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            // ended, or not ours to read
        }
        return false;
    }

    /** Inodes of the TCP sockets of this network namespace that listen on the address (or a wildcard) and port. */
    private static Set<String> listeningInodes(InetAddress want, int port) {
        Set<String> out = new HashSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(PROC.resolve("self").resolve("net").resolve(table));
            } catch (IOException | RuntimeException e) {
                continue;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                int colon = f.length < 10 ? -1 : f[1].indexOf(':');
                if (colon < 0 || !f[3].equals("0A") || Integer.parseInt(f[1].substring(colon + 1), 16) != port) {
                    continue;
                }
                byte[] addr = procAddress(f[1].substring(0, colon));
                if (addr != null && matches(addr, want)) {
                    out.add(f[9]);
                }
            }
        }
        return out;
    }

    /** /proc/net/tcp addresses: the address's 32-bit words in host (little-endian) order, as hex. */
    static byte[] procAddress(String hex) {
        if (hex.length() != 8 && hex.length() != 32) {
            return null;
        }
        byte[] out = new byte[hex.length() / 2];
        for (int word = 0; word < out.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                out[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return out;
    }

    /** The socket's address is the one asked for, or a wildcard; a wildcard counts only for an address of this host. */
    private static boolean matches(byte[] listen, InetAddress want) {
        byte[] w = want.getAddress();
        if (java.util.Arrays.equals(listen, w)) {
            return true;
        }
        if (listen.length == 16 && w.length == 4 && isMappedV4(listen, w)) {
            return true;
        }
        boolean wildcard = true;
        for (byte b : listen) {
            wildcard &= b == 0;
        }
        return wildcard && (want.isLoopbackAddress() || isLocal(want));
    }

    private static boolean isMappedV4(byte[] v6, byte[] v4) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return v6[10] == (byte) 0xff && v6[11] == (byte) 0xff && v6[12] == v4[0] && v6[13] == v4[1] && v6[14] == v4[2]
                && v6[15] == v4[3];
    }

    private static boolean isLocal(InetAddress a) {
        try {
            return java.net.NetworkInterface.getByInetAddress(a) != null;
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    /** The soft "Max open files" limit of a process; empty when unreadable or unlimited. */
    static OptionalLong openFilesLimit(long pid) {
        try {
            for (String line : Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(soft));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not readable: unknown
        }
        return OptionalLong.empty();
    }

    private static long openFiles(long pid) {
        String[] fds = PROC.resolve(Long.toString(pid)).resolve("fd").toFile().list();
        return fds == null ? -1 : fds.length;
    }
}
