package dev.mconats.conformance.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.conformance.Evidence;
import dev.mconats.pki.CertificateAuthority;
import dev.mconats.pki.CertificateRequest;
import dev.mconats.pki.Identity;
import dev.mconats.pki.KeyType;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chain a server sends is judged as Go builds paths: leaf first, the rest in any order, extras ignored. */
class ServerCertValidTest {
    private static final CertificateAuthority ROOT = CertificateAuthority.create("Puppet Root CA", KeyType.EC_P256);
    private static final CertificateAuthority INTERMEDIATE = ROOT.intermediate("Puppet CA", KeyType.EC_P256);
    private static final CertificateAuthority OTHER = CertificateAuthority.create("Some other CA", KeyType.EC_P256);
    private static final Identity SERVER = INTERMEDIATE.issue(CertificateRequest.server("nats1.example.net").keyType(KeyType.EC_P256).build());

    private static List<String> judge(List<X509Certificate> sent, List<X509Certificate> cas) {
        Evidence ev = new Evidence();
        return ServerCertValid.chainProblem(sent, cas, Instant.now(), ev).map(List::of).orElse(ev.lines());
    }

    @Test
    void theLeafAloneChainsToABundleThatHoldsItsIntermediate() {
        assertThat(judge(List.of(SERVER.certificate()), INTERMEDIATE.chain()))
                .containsExactly("note: path built: nats1.example.net <- Puppet CA (the target's CA)");
    }

    @Test
    void misorderedAndExtraIntermediatesDoNotMatterAsInGo() {
        X509Certificate leaf = SERVER.certificate();
        X509Certificate intermediate = INTERMEDIATE.certificate();
        // root-only trust: the path needs the intermediate the server sends, wherever it sits in the chain
        List<X509Certificate> rootOnly = List.of(ROOT.certificate());
        assertThat(judge(List.of(leaf, intermediate), rootOnly)).singleElement().asString().contains("nats1.example.net <- Puppet CA <- Puppet Root CA");
        assertThat(judge(List.of(leaf, ROOT.certificate(), intermediate), rootOnly)).singleElement().asString()
                .startsWith("note: path built").contains("1 certificate(s) sent but not needed");
        assertThat(judge(List.of(leaf, OTHER.certificate(), intermediate), rootOnly)).singleElement().asString().startsWith("note: path built");
        assertThat(judge(List.of(leaf, OTHER.certificate(), intermediate), INTERMEDIATE.chain())).singleElement().asString()
                .startsWith("note: path built");
    }

    @Test
    void aChainThatReachesNoTrustedCaFails() {
        Identity foreign = OTHER.issue(CertificateRequest.server("nats1.example.net").keyType(KeyType.EC_P256).build());
        assertThat(judge(List.of(foreign.certificate(), OTHER.certificate()), INTERMEDIATE.chain())).singleElement().asString()
                .startsWith("does not chain to the target's CA").contains("CN=Some other CA");
        // the intermediate is missing and only the root is trusted: no path
        assertThat(judge(List.of(SERVER.certificate()), List.of(ROOT.certificate()))).singleElement().asString()
                .startsWith("does not chain to the target's CA");
    }
}
