package dev.mconats.conformance;

import dev.mconats.conformance.report.ConsoleTable;
import dev.mconats.conformance.report.ReportFiles;
import dev.mconats.targetmodel.TargetFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance suite as JUnit tests, for builds that gate on it:
 * {@code ./mvnw -pl conformance -am verify -Dmconats.target=/path/to/target.conf [-Dmconats.only=tls,srv]
 * [-Dmconats.reports=/path/to/dir] [-Dmconats.strict=true]}. One container per check, one test per check and node
 * (named by ID); FAIL fails the test with the evidence, SKIP aborts it with the reason, WARN passes and prints why.
 * With {@code mconats.strict=true} SKIP and WARN fail their tests too. Without {@code mconats.target} the whole
 * factory is skipped, visibly, with the command to run it.
 */
class ConformanceTests {
    @TestFactory
    Stream<DynamicNode> conformance() {
        String file = System.getProperty("mconats.target", "").strip();
        if (file.isEmpty()) {
            // One aborted test rather than an aborted factory: Surefire counts it as skipped, so the skip shows.
            return Stream.of(DynamicTest.dynamicTest("conformance (no target)", () ->
                    Assumptions.abort("no target: run with -Dmconats.target=/path/to/target.conf to check a NATS cluster")));
        }
        List<String> only = Arrays.stream(System.getProperty("mconats.only", "").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        boolean strict = Boolean.parseBoolean(System.getProperty("mconats.strict", "false").strip());
        SuiteResult result = ConformanceSuite.standard().only(only).run(TargetFile.load(locate(file)), Settings.defaults().withStrict(strict));
        System.out.print(ConsoleTable.render(result));
        String reports = System.getProperty("mconats.reports", "").strip();
        if (!reports.isEmpty()) {
            ReportFiles.write(result, Path.of(reports));
        }
        return result.checks().stream().map(c -> DynamicContainer.dynamicContainer(c.id(),
                c.results().stream().map(r -> DynamicTest.dynamicTest(r.testName(), () -> verdict(r, strict)))));
    }

    private static void verdict(CheckResult r, boolean strict) {
        if (strict && (r.status() == Status.SKIP || r.status() == Status.WARN)) {
            Assertions.fail(r.status() + " fails a strict run (-Dmconats.strict=true): " + r.message() + "\n" + String.join("\n", r.evidence()));
        }
        switch (r.status()) {
            case PASS -> { }
            case WARN -> System.out.println("WARN " + r.testName() + ": " + r.message());
            case SKIP -> Assumptions.abort(r.message());
            case FAIL -> Assertions.fail(r.message() + "\n" + String.join("\n", r.evidence()));
        }
    }

    /** Maven runs tests in the module folder; a path relative to the repository root is found too. */
    private static Path locate(String file) {
        Path p = Path.of(file);
        if (p.isAbsolute() || Files.exists(p)) {
            return p;
        }
        Path fromRoot = Path.of("..").resolve(p).normalize();
        return Files.exists(fromRoot) ? fromRoot : p;
    }
}
