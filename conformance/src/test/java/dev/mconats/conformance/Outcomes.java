package dev.mconats.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.conformance.report.ConsoleTable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Assertions on a run: exactly the expected checks have the expected status, every other check PASSes. */
final class Outcomes {
    private Outcomes() {
    }

    /** Prints the table (it is the first thing to read when an integration test fails) and checks every status. */
    static void expect(SuiteResult r, Map<String, Status> notPass) {
        System.out.println(ConsoleTable.render(r));
        assertThat(r.checks()).extracting(SuiteResult.CheckRun::id).containsAll(notPass.keySet());
        for (SuiteResult.CheckRun c : r.checks()) {
            Status want = notPass.getOrDefault(c.id(), Status.PASS);
            assertThat(c.status()).as(c.id() + ": " + describe(c.results())).isEqualTo(want);
        }
    }

    /** The nodes on which a check has the given status. */
    static List<String> nodes(SuiteResult r, String checkId, Status status) {
        return check(r, checkId).results().stream().filter(x -> x.status() == status).map(CheckResult::nodeLabel).toList();
    }

    static SuiteResult.CheckRun check(SuiteResult r, String checkId) {
        return r.checks().stream().filter(c -> c.id().equals(checkId)).findFirst().orElseThrow();
    }

    static String messages(SuiteResult r, String checkId) {
        return describe(check(r, checkId).results());
    }

    private static String describe(List<CheckResult> results) {
        return results.stream().map(x -> x.status() + " " + x.nodeLabel() + ": " + x.message()).collect(Collectors.joining(" | "));
    }
}
