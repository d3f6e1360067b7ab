package dev.mconats.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mconats.conformance.report.ConsoleTable;
import dev.mconats.conformance.report.HtmlReport;
import dev.mconats.conformance.report.ReportFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportWritersTest {
    @TempDir
    Path tmp;

    private final SuiteResult result = ResultModelTest.suite(List.of(
            ResultModelTest.result("tls/plaintext-rejected", "nats1.example.net:4222", Status.PASS, "refused: -ERR 'Secure Connection'",
                    "sent: [+0.1 ms] CONNECT {\"tls_required\":false}", "recv: connection closed by the server"),
            ResultModelTest.result("tls/plaintext-rejected", "nats2.example.net:4222", Status.FAIL, "a plaintext client was let in <&>",
                    "recv: [+1.0 ms] PONG"),
            ResultModelTest.result("tls/expired-client-cert-rejected", "nats1.example.net:4222", Status.SKIP, "needs the CA key"),
            ResultModelTest.result("tls/server-cert-valid", "nats1.example.net:4222", Status.WARN, "expires in 3 days"),
            ResultModelTest.result("srv/records-present", CheckResult.CLUSTER, Status.PASS, "3 record(s)")));

    @Test
    void junitXmlHasOneTestcasePerCheckAndNodeNamedById() throws Exception {
        ReportFiles.write(result, tmp);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(tmp.resolve(ReportFiles.JUNIT).toFile());
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("5");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("skipped")).isEqualTo("1");
        NodeList suites = root.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        assertThat(((Element) suites.item(0)).getAttribute("name")).isEqualTo("tls");
        NodeList cases = root.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            names.add(((Element) cases.item(i)).getAttribute("name"));
        }
        assertThat(names).containsExactly("tls/plaintext-rejected[nats1.example.net:4222]", "tls/plaintext-rejected[nats2.example.net:4222]",
                "tls/expired-client-cert-rejected[nats1.example.net:4222]", "tls/server-cert-valid[nats1.example.net:4222]", "srv/records-present");
        Element failure = (Element) root.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("a plaintext client was let in <&>");
        assertThat(failure.getTextContent()).contains("recv: [+1.0 ms] PONG");
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("tls/plaintext-rejected[nats2.example.net:4222]");
        Element skipped = (Element) root.getElementsByTagName("skipped").item(0);
        assertThat(skipped.getAttribute("message")).isEqualTo("needs the CA key");
    }

    @Test
    void htmlIsSelfContainedEscapedAndFitsAPhone() throws Exception {
        ReportFiles.write(result, tmp);
        String html = Files.readString(tmp.resolve(ReportFiles.HTML));
        assertThat(html).startsWith("<!doctype html>").contains("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
        assertThat(html).doesNotContain("<script", "<link", "src=\"http", "href=\"http", "@import");
        assertThat(html).contains("staging &lt;eu&gt; &amp; &quot;friends&quot;", "a plaintext client was let in &lt;&amp;&gt;");
        assertThat(html).doesNotContain("let in <&>");
        assertThat(html).contains("href=\"#tls-plaintext-rejected\"", "id=\"tls-plaintext-rejected\"");
        // not-PASS results are unfolded, PASS results folded
        assertThat(html).contains("<details open><summary><span class=\"b FAIL\">FAIL</span>");
        assertThat(html).contains("<details><summary><span class=\"b PASS\">PASS</span>");
        assertThat(HtmlReport.render(result)).isEqualTo(html);
    }

    @Test
    void resultsJsonCarriesEveryResultWithItsEvidence() throws Exception {
        ReportFiles.write(result, tmp);
        JsonNode json = new ObjectMapper().readTree(tmp.resolve(ReportFiles.RESULTS).toFile());
        assertThat(json.path("status").asText()).isEqualTo("FAIL");
        assertThat(json.path("headline").asText()).isEqualTo("FAILED: 1 FAILED, 1 SKIPPED, 1 WARN");
        assertThat(json.path("strict").asBoolean(true)).isFalse();
        assertThat(json.path("counts").path("FAIL").asLong()).isEqualTo(1);
        assertThat(json.path("checks")).hasSize(4);
        JsonNode plaintext = json.path("checks").get(0);
        assertThat(plaintext.path("id").asText()).isEqualTo("tls/plaintext-rejected");
        assertThat(plaintext.path("status").asText()).isEqualTo("FAIL");
        assertThat(plaintext.path("results").get(0).path("evidence").get(0).asText()).isEqualTo("sent: [+0.1 ms] CONNECT {\"tls_required\":false}");
        assertThat(json.path("checks").get(3).path("results").get(0).path("node").asText()).isEqualTo("cluster");
    }

    @Test
    void consoleTableShowsOneLinePerCheckAndEveryNodeThatDidNotPass() {
        String table = ConsoleTable.render(result);
        assertThat(table).contains("FAIL  tls/plaintext-rejected", "1 FAIL, 1 PASS",
                "        FAIL nats2.example.net:4222: a plaintext client was let in <&>",
                "        SKIP nats1.example.net:4222: needs the CA key",
                "        WARN nats1.example.net:4222: expires in 3 days",
                "FAILED: 1 FAILED, 1 SKIPPED, 1 WARN (4 checks, 5 results: 2 PASS, 1 SKIP, 1 WARN, 1 FAIL in 2.35 s)");
        assertThat(table).doesNotContain("PASS nats1.example.net:4222: refused");
    }
}
