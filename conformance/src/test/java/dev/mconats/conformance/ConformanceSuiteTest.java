package dev.mconats.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConformanceSuiteTest {
    private final ConformanceSuite suite = ConformanceSuite.standard();

    @Test
    void everyCheckHasAStableIdARequirementAndASource() {
        assertThat(suite.checks()).extracting(Check::id).containsExactly(
                "tls/plaintext-rejected", "tls/no-client-cert-rejected", "tls/untrusted-client-cert-rejected",
                "tls/expired-client-cert-rejected", "tls/not-yet-valid-client-cert-rejected", "tls/server-cert-valid",
                "tls/legacy-protocols-refused", "tls/cipher-suites", "tls/handshake-timeout", "tls/trusted-client-works",
                "srv/records-present", "srv/targets-match-cluster", "srv/load-spread",
                "routes/full-mesh", "routes/cross-delivery", "routes/tls-and-auth-required", "routes/client-gossip",
                "monitor/limits");
        assertThat(suite.checks()).allSatisfy(c -> {
            assertThat(c.id()).matches("(tls|srv|routes|monitor)/[a-z0-9-]+");
            assertThat(c.requirement()).isNotBlank().doesNotContain("\n");
            assertThat(c.source()).isNotBlank();
        });
    }

    @Test
    void onlyKeepsExactIdsAndWholeSegmentPrefixesInReportOrder() {
        assertThat(suite.only(List.of("srv")).checks()).extracting(Check::id)
                .containsExactly("srv/records-present", "srv/targets-match-cluster", "srv/load-spread");
        assertThat(suite.only(List.of("routes/")).checks()).hasSize(4);
        assertThat(suite.only(List.of("monitor/limits", "tls/plaintext-rejected", "tls/plaintext-rejected")).checks())
                .extracting(Check::id).containsExactly("tls/plaintext-rejected", "monitor/limits");
        assertThat(suite.only(List.of()).checks()).hasSize(18);
    }

    @Test
    void aFilterThatMatchesNothingIsAUserErrorNamingTheIds() {
        assertThatThrownBy(() -> suite.only(List.of("tls/plaintext"))) // not a whole segment
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--only 'tls/plaintext' matches no check")
                .hasMessageContaining("tls/plaintext-rejected");
    }

    @Test
    void duplicateIdsAreRejected() {
        assertThatThrownBy(() -> new ConformanceSuite(List.of(suite.checks().get(0), suite.checks().get(0))))
                .hasMessageContaining("duplicate check id tls/plaintext-rejected");
    }
}
