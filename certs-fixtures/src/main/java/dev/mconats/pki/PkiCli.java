package dev.mconats.pki;

import java.nio.file.Path;

/**
 * {@code java -cp ... dev.mconats.pki.PkiCli --ssldir DIR [--key-type rsa-4096] [--server name=ip]... [--node id]... [--force]}.
 * The front door's {@code pki} command offers the same; this entry point keeps the module usable on its own.
 */
public final class PkiCli {
    private PkiCli() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (PkiException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    static FixturePki run(String[] args) {
        Path dir = null;
        KeyType keyType = KeyType.RSA_4096;
        boolean force = false;
        var servers = new java.util.ArrayList<String[]>();
        var nodes = new java.util.ArrayList<String>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--ssldir" -> dir = Path.of(value(args, ++i, a));
                case "--key-type" -> keyType = KeyType.parse(value(args, ++i, a));
                case "--server" -> {
                    String v = value(args, ++i, a);
                    String[] p = v.split("=", 2);
                    if (p.length != 2) {
                        throw new IllegalArgumentException("--server wants name=ip, got '" + v + "'");
                    }
                    servers.add(p);
                }
                case "--node" -> nodes.add(value(args, ++i, a));
                case "--force" -> force = true;
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("--ssldir is required");
        }
        FixturePki.Builder b = FixturePki.builder(dir).keyType(keyType).force(force);
        servers.forEach(s -> b.server(s[0], s[1]));
        nodes.forEach(b::node);
        FixturePki pki = b.generate();
        System.out.println("PKI written to " + pki.dir().root() + " (" + keyType + ")");
        return pki;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
