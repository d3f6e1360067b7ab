package dev.mconats.targetmodel;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a target file: HOCON (Typesafe Config, which Gatling already ships), everything under {@code target { }},
 * keys and defaults as declared in {@link TargetKeys}. Every bad value or unknown key fails in one line naming the key.
 */
public final class TargetFile {
    private TargetFile() {
    }

    public static Target load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TargetException("target file not found: " + file);
        }
        Config parsed;
        try {
            parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new TargetException("target file " + file + " is malformed: " + oneLine(e));
        }
        return fromConfig(parsed, Optional.of(file.toAbsolutePath()));
    }

    public static Target parse(String hocon, Path baseDir) {
        Config parsed;
        try {
            parsed = ConfigFactory.parseString(hocon);
        } catch (ConfigException e) {
            throw new TargetException("target is malformed: " + oneLine(e));
        }
        return fromConfig(parsed, Optional.of(baseDir.resolve("target.conf").toAbsolutePath()));
    }

    static Target fromConfig(Config parsed, Optional<Path> file) {
        Config c;
        try {
            Config resolved = parsed.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(true));
            c = resolved.hasPath("target") ? resolved.getConfig("target") : ConfigFactory.empty();
        } catch (ConfigException e) {
            throw new TargetException("target file " + file.map(Path::toString).orElse("") + ": " + oneLine(e));
        }
        rejectUnknownKeys(c);
        Path base = file.map(Path::getParent).orElse(Path.of("."));
        Target.Builder b = Target.builder().file(file.orElse(null));
        for (TargetKey<?> k : TargetKeys.all()) {
            set(b, k, c, base);
        }
        return b.build();
    }

    private static <T> void set(Target.Builder b, TargetKey<T> k, Config c, Path base) {
        b.set(k, k.read(c, base));
    }

    /** A misspelt key would otherwise be ignored silently and its default used: name it instead. */
    private static void rejectUnknownKeys(Config c) {
        for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
            List<String> leaf = ConfigUtil.splitPath(e.getKey());
            boolean known = TargetKeys.all().stream().anyMatch(k -> {
                List<String> key = List.of(k.path().split("\\."));
                return leaf.equals(key) || (k.ownsSubtree() && leaf.size() > key.size() && leaf.subList(0, key.size()).equals(key));
            });
            if (!known) {
                throw new TargetException("target." + e.getKey() + ": unknown key (the keys are listed in README.md, \"Target file\")");
            }
        }
    }

    static String oneLine(Exception e) {
        return String.valueOf(e.getMessage()).replace('\n', ' ');
    }
}
