package dev.mconats.cli;

import dev.mconats.pki.FixturePki;
import dev.mconats.pki.KeyType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pki}: write a fixture PKI in the Puppet SSL layout, e.g. for a staging cluster of your own. */
@Command(name = "pki", description = "Generate a fixture PKI (CA, server, client and deliberately bad certs) in the Puppet SSL layout.")
public final class PkiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--ssldir", required = true, description = "Target folder (gets certs/, private_keys/, ca/)")
    Path sslDir;
    @Option(names = "--key-type", defaultValue = "rsa-4096", description = "rsa-4096 (Puppet's default), rsa-2048 or ec-p256")
    String keyType;
    @Option(names = "--server", description = "A server cert: name=ip (repeatable)")
    List<String> servers = List.of();
    @Option(names = "--node", description = "An extra node identity (repeatable)")
    List<String> nodes = List.of();
    @Option(names = "--force", description = "Replace an existing PKI")
    boolean force;
    @Option(names = "--intermediate-ca", description = "Sign with an intermediate CA under a root, as Puppet 6+ does (ca.pem = intermediate + root)")
    boolean intermediateCa;

    @Override
    public Integer call() {
        FixturePki.Builder b = FixturePki.builder(sslDir).keyType(KeyType.parse(keyType)).force(force).intermediateCa(intermediateCa);
        for (String s : servers) {
            String[] p = s.split("=", 2);
            if (p.length != 2 || p[0].isBlank() || p[1].isBlank()) {
                throw new UserError("--server wants name=ip, got '" + s + "'");
            }
            b.server(p[0], p[1]);
        }
        nodes.forEach(b::node);
        FixturePki pki = b.generate();
        spec.commandLine().getOut().println("PKI (" + keyType + ") written to " + pki.dir().root());
        return 0;
    }
}
