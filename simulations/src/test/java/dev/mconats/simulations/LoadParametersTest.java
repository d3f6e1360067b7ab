package dev.mconats.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mconats.targetmodel.TargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LoadParametersTest {
    @Test
    void anUnknownNameIsRefusedNamingIt() {
        assertThatThrownBy(() -> LoadParameters.of(Map.of("nodez", "5")))
                .isInstanceOf(TargetException.class).hasMessage("mconats.load.nodez: unknown parameter (see docs/load.md, \"Parameters\")");
        assertThatThrownBy(() -> LoadParameters.checkNames(java.util.List.of("nodes", "round-intervall")))
                .isInstanceOf(TargetException.class).hasMessageStartingWith("mconats.load.round-intervall: unknown parameter");
        assertThat(LoadParameters.of(Map.of("nodes", "5")).nodes()).isEqualTo(5);
    }

    @Test
    void aNodesConnectDeadlineIsChoriasUnlessSet() {
        assertThat(LoadParameters.of(Map.of()).nodeConnectTimeout()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(LoadParameters.of(Map.of("node-connect-timeout", "10")).nodeConnectTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThatThrownBy(() -> LoadParameters.of(Map.of("node-connect-timeout", "0.05")).nodeConnectTimeout())
                .isInstanceOf(TargetException.class).hasMessageContaining("node-connect-timeout").hasMessageContaining("at least 0.1 s");
    }

    @Test
    void theConnectWarmupIsAFifthOfTheInjectorsNodesAtMostTwoThousandFromAThousandNodesUnlessSet() {
        assertThat(LoadParameters.of(Map.of()).connectWarmup(30)).isZero();
        assertThat(LoadParameters.of(Map.of()).connectWarmup(999)).isZero();
        assertThat(LoadParameters.of(Map.of()).connectWarmup(1_000)).isEqualTo(200);
        assertThat(LoadParameters.of(Map.of("connect-warmup", "6")).connectWarmup(30)).isEqualTo(6);
        assertThat(LoadParameters.of(Map.of()).connectWarmup(10_000)).isEqualTo(2_000);
        assertThat(LoadParameters.of(Map.of()).connectWarmup(19_000)).isEqualTo(2_000);
        assertThat(LoadParameters.of(Map.of("connect-warmup", "0")).connectWarmup(19_000)).isZero();
        assertThatThrownBy(() -> LoadParameters.of(Map.of("connect-warmup", "-1")).connectWarmup(100))
                .isInstanceOf(TargetException.class).hasMessageContaining("connect-warmup");
    }

    @Test
    void presetsOnlyUseKnownNames() {
        LoadParameters.PRESETS.values().forEach(p -> LoadParameters.checkNames(p.keySet()));
    }

    /** Every accessor reads a declared name (an undeclared one could never be set). */
    @Test
    void everyAccessorReadsADeclaredName() throws Exception {
        LoadParameters p = LoadParameters.of(Map.of("target", "/nonexistent/target.conf"));
        for (Method m : LoadParameters.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0) {
                m.invoke(p); // throws IllegalStateException for an undeclared name
            }
        }
    }

    /** docs/load.md's parameter table names exactly the declared parameters. */
    @Test
    void docsTableMatchesTheDeclaredNames() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "load.md"));
        String section = doc.substring(doc.indexOf("## Parameters"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        TreeSet<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| ([^|]+) \\|").matcher(section);
        while (row.find()) {
            Matcher name = Pattern.compile("`([a-z0-9-]+)`").matcher(row.group(1));
            while (name.find()) {
                documented.add(name.group(1));
            }
        }
        assertThat(documented).isEqualTo(new TreeSet<>(LoadParameters.KNOWN.keySet()));
    }
}
