package dev.mconats.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/conformance.md says what {@code --list} says: the catalog has every check in order with its requirement and
 * source word for word, and the breakage matrix gives every check a test that FAILs it, naming tests that exist.
 */
class DocsCatalogTest {
    private static final Path DOC = Path.of("..", "docs", "conformance.md");
    private static final Pattern ID = Pattern.compile("`((?:tls|srv|routes|monitor)/[a-z0-9-]+)`");
    private static final Pattern TEST = Pattern.compile("`([A-Z][A-Za-z]+)#([a-zA-Z0-9]+)`");

    /** The body rows of the first table after a heading (header and separator rows left out), split into cells. */
    private static List<String[]> table(String heading) throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int i = lines.indexOf(heading);
        assertThat(i).as(heading + " in " + DOC).isNotNegative();
        while (!lines.get(i).startsWith("|")) {
            i++;
        }
        List<String[]> rows = new ArrayList<>();
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) { // past the header and separator rows
            String l = lines.get(i);
            rows.add(Arrays.stream(l.substring(1, l.length() - 1).split("\\|", -1)).map(String::strip).toArray(String[]::new));
        }
        return rows;
    }

    private static String unescape(String cell) {
        return cell.replace("\\<", "<").replace("\\>", ">");
    }

    @Test
    void theCatalogIsTheListWordForWord() throws IOException {
        List<Check> checks = ConformanceSuite.standard().checks();
        List<String[]> rows = table("## The checks");
        assertThat(rows.stream().map(r -> r[0]).toList()).containsExactlyElementsOf(checks.stream().map(c -> "`" + c.id() + "`").toList());
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            assertThat(unescape(rows.get(i)[1])).as(c.id() + " requirement").isEqualTo(c.requirement());
            assertThat(unescape(rows.get(i)[2])).as(c.id() + " source").isEqualTo(c.source());
            assertThat(rows.get(i)[3]).as(c.id() + " how it is checked").isNotBlank();
        }
    }

    @Test
    void everyCheckHasABreakageThatFailsItAndEveryTestNamedExists() throws Exception {
        Set<String> ids = new LinkedHashSet<>(ConformanceSuite.standard().checks().stream().map(Check::id).toList());
        Set<String> failed = new LinkedHashSet<>();
        List<String[]> rows = table("## Breakage matrix");
        assertThat(rows).hasSizeGreaterThan(ids.size());
        for (String[] row : rows) {
            assertThat(row).as(String.join(" | ", row)).hasSize(5);
            Matcher fail = ID.matcher(row[2]);
            while (fail.find()) {
                failed.add(fail.group(1));
            }
            for (String cell : List.of(row[2], row[3], row[4])) {
                Matcher any = ID.matcher(cell);
                while (any.find()) {
                    assertThat(ids).as("an ID the matrix names").contains(any.group(1));
                }
            }
            assertTestExists(row[1]);
        }
        assertThat(failed).as("checks with a breakage that FAILs them").containsExactlyInAnyOrderElementsOf(ids);

        String doc = Files.readString(DOC);
        Matcher healthy = TEST.matcher(doc.substring(doc.indexOf("Healthy deployments PASS everything")));
        int named = 0;
        while (healthy.find()) {
            assertTestExists(healthy.group());
            named++;
        }
        assertThat(named).isGreaterThanOrEqualTo(4);
    }

    private static void assertTestExists(String cell) throws ClassNotFoundException {
        Matcher m = TEST.matcher(cell);
        assertThat(m.find()).as("a Class#method in " + cell).isTrue();
        Class<?> c = Class.forName("dev.mconats.conformance." + m.group(1));
        assertThat(Arrays.stream(c.getDeclaredMethods()).map(java.lang.reflect.Method::getName)).as(m.group())
                .contains(m.group(2));
    }
}
