package dev.mconats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** README.md's layout table names every module of the build and exactly the packages each one holds. */
class LayoutTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void readmeLayoutTableMatchesTheTree() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        Set<String> modules = new TreeSet<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (m.find()) {
            modules.add(m.group(1));
        }
        String readme = Files.readString(ROOT.resolve("README.md"));
        String layout = readme.substring(readme.indexOf("## Layout"));
        int next = layout.indexOf("\n## ", 3);
        layout = next < 0 ? layout : layout.substring(0, next);
        Map<String, Set<String>> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z-]+)` \\| ([^|]+) \\|").matcher(layout);
        while (row.find()) {
            documented.put(row.group(1), packagesOf(row.group(2)));
        }
        assertThat(documented.keySet()).isEqualTo(modules);
        for (String module : modules) {
            assertThat(documented.get(module)).as("packages of %s", module).isEqualTo(packagesIn(ROOT.resolve(module)));
        }
    }

    /** "`conformance` (+ `.tls`, `.srv`)" -> conformance, conformance.tls, conformance.srv. */
    private static Set<String> packagesOf(String cell) {
        Set<String> out = new TreeSet<>();
        String base = null;
        Matcher name = Pattern.compile("`([a-z.]+)`").matcher(cell.replaceAll("\\(a user's own namespace\\)", ""));
        while (name.find()) {
            String n = name.group(1);
            if (n.startsWith(".")) {
                out.add(base + n);
            } else {
                base = n;
                out.add(n);
            }
        }
        return out;
    }

    /** Packages with main sources, without the dev.mconats. prefix. */
    private static Set<String> packagesIn(Path module) throws IOException {
        Path src = module.resolve("src/main/java");
        try (Stream<Path> files = Files.walk(src)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(f -> src.relativize(f.getParent()).toString()
                            .replace('/', '.')).map(p -> p.startsWith("dev.mconats.") ? p.substring("dev.mconats.".length()) : p)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
