package dev.mconats.targetmodel;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a target-file value is read from HOCON (every error names the full key and the problem in one line) and
 * written back as HOCON text. The types the target file uses are the static factories below.
 *
 * @param <T> the Java type of the value
 */
public interface ValueType<T> {
    T read(Config c, String path, Path base, String key);

    /** HOCON text of the value; null means "never written" (secrets). */
    String render(T value);

    /** The default as documentation shows it. */
    default String describeDefault(T value) {
        return render(value);
    }

    /** What a value must look like, for "required" errors. */
    String expectation();

    Class<?> javaType();

    default boolean isMap() {
        return false;
    }

    // ------------------------------------------------------------ the types

    static ValueType<String> string() {
        return simple(String.class, "a string", (c, p) -> c.getString(p).trim(), ValueType::quote);
    }

    static ValueType<Boolean> bool() {
        return simple(Boolean.class, "true or false", Config::getBoolean, String::valueOf);
    }

    /** A whole number from {@code min} to {@code max}. */
    static ValueType<Long> range(long min, long max) {
        ValueType<Long> raw = simple(Long.class, "a whole number", Config::getLong, String::valueOf);
        return new Checked<>(raw, (v, key) -> {
            if (v < min) {
                throw new TargetException(key + ": must be at least " + min + ", got " + v);
            }
            if (v > max) {
                throw new TargetException(key + ": " + v + " is too large (at most " + max + ")");
            }
        });
    }

    static ValueType<Integer> positiveInt() {
        return map(range(1, Integer.MAX_VALUE), Long::intValue, Integer::longValue, Integer.class);
    }

    static ValueType<Long> positiveLong() {
        return range(1, Long.MAX_VALUE);
    }

    static ValueType<Integer> port() {
        ValueType<Long> raw = simple(Long.class, "a port", Config::getLong, String::valueOf);
        return map(new Checked<>(raw, (v, key) -> {
            if (v < 1 || v > 65535) {
                throw new TargetException(key + ": port " + v + " out of range 1-65535");
            }
        }), Long::intValue, Integer::longValue, Integer.class);
    }

    /** A list of strings, each turned into an element by {@code parse} (its IllegalArgumentException names the bad one). */
    static <E> ValueType<List<E>> list(String expectation, Function<String, E> parse, Function<E, String> unparse) {
        return new ValueType<>() {
            @Override
            public List<E> read(Config c, String path, Path base, String key) {
                List<String> raw = get(key, () -> c.getStringList(path));
                List<E> out = new ArrayList<>();
                for (String s : raw) {
                    try {
                        out.add(parse.apply(s.trim()));
                    } catch (IllegalArgumentException e) {
                        throw new TargetException(key + ": " + e.getMessage());
                    }
                }
                return List.copyOf(out);
            }

            @Override
            public String render(List<E> value) {
                return value.stream().map(unparse).map(ValueType::quote).collect(Collectors.joining(", ", "[", "]"));
            }

            @Override
            public String expectation() {
                return expectation;
            }

            @Override
            public Class<?> javaType() {
                return List.class;
            }
        };
    }

    static ValueType<List<ServerAddress>> servers() {
        return list("a list of \"host:port\"", ServerAddress::parse, ServerAddress::toString);
    }

    static ValueType<List<URI>> httpUrls() {
        return list("a list of http(s) URLs", s -> {
            try {
                URI u = URI.create(s);
                if (u.getScheme() != null && u.getScheme().startsWith("http") && u.getHost() != null) {
                    return u;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new IllegalArgumentException("not an http(s) URL: '" + s + "'");
        }, URI::toString);
    }

    /** A name → string map (a HOCON object); its entries are nested paths, never unknown keys. */
    static ValueType<Map<String, String>> stringMap() {
        return new ValueType<>() {
            @Override
            public Map<String, String> read(Config c, String path, Path base, String key) {
                Map<String, String> out = new LinkedHashMap<>();
                for (Map.Entry<String, ConfigValue> e : get(key, () -> c.getObject(path)).entrySet()) {
                    out.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
                }
                return Map.copyOf(out);
            }

            @Override
            public String render(Map<String, String> value) {
                return value.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> quote(e.getKey()) + " = " + quote(e.getValue()))
                        .collect(Collectors.joining(", ", "{ ", " }")).replace("{  }", "{}");
            }

            @Override
            public String expectation() {
                return "an object of name = value";
            }

            @Override
            public Class<?> javaType() {
                return Map.class;
            }

            @Override
            public boolean isMap() {
                return true;
            }
        };
    }

    /** "host:port", or empty for none. */
    static ValueType<Optional<InetSocketAddress>> optionalHostPort() {
        return new ValueType<>() {
            @Override
            public Optional<InetSocketAddress> read(Config c, String path, Path base, String key) {
                String v = get(key, () -> c.getString(path)).trim();
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                int colon = v.lastIndexOf(':');
                try {
                    if (colon < 1) {
                        throw new NumberFormatException();
                    }
                    int port = Integer.parseInt(v.substring(colon + 1));
                    if (port < 1 || port > 65535) {
                        throw new NumberFormatException();
                    }
                    return Optional.of(new InetSocketAddress(v.substring(0, colon), port));
                } catch (NumberFormatException e) {
                    throw new TargetException(key + ": expected host:port, got '" + v + "'");
                }
            }

            @Override
            public String render(Optional<InetSocketAddress> value) {
                return quote(value.map(a -> a.getHostString() + ":" + a.getPort()).orElse(""));
            }

            @Override
            public String expectation() {
                return "host:port";
            }

            @Override
            public Class<?> javaType() {
                return Optional.class;
            }
        };
    }

    /** A readable file, relative paths resolved against the target file's folder; empty for none. */
    static ValueType<Optional<Path>> optionalFile() {
        return new ValueType<>() {
            @Override
            public Optional<Path> read(Config c, String path, Path base, String key) {
                String v = get(key, () -> c.getString(path)).trim();
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                Path p = base.resolve(v).normalize();
                if (!Files.isRegularFile(p)) {
                    throw new TargetException(key + ": file not found: " + p);
                }
                if (!Files.isReadable(p)) {
                    throw new TargetException(key + ": file not readable: " + p);
                }
                return Optional.of(p);
            }

            @Override
            public String render(Optional<Path> value) {
                return quote(value.map(Path::toString).orElse(""));
            }

            @Override
            public String expectation() {
                return "path to a PEM file";
            }

            @Override
            public Class<?> javaType() {
                return Optional.class;
            }
        };
    }

    /** A required readable file. */
    static ValueType<Path> file() {
        ValueType<Optional<Path>> optional = optionalFile();
        return new ValueType<>() {
            @Override
            public Path read(Config c, String path, Path base, String key) {
                return optional.read(c, path, base, key).orElseThrow(() -> new TargetException(key + ": required (" + expectation() + ")"));
            }

            @Override
            public String render(Path value) {
                return quote(value.toString());
            }

            @Override
            public String expectation() {
                return optional.expectation();
            }

            @Override
            public Class<?> javaType() {
                return Path.class;
            }
        };
    }

    /**
     * A secret: read like a string, never written. {@link Target#toHocon()} writes the environment substitution
     * {@code ${?VARIABLE}} instead, so a written file still takes the secret from where the operator keeps it.
     */
    static ValueType<Secret> secret(String environmentVariable) {
        return new ValueType<>() {
            @Override
            public Secret read(Config c, String path, Path base, String key) {
                return Secret.of(get(key, () -> c.getString(path)));
            }

            @Override
            public String render(Secret value) {
                return "${?" + environmentVariable + "}";
            }

            @Override
            public String describeDefault(Secret value) {
                return quote(value.isEmpty() ? "" : "****");
            }

            @Override
            public String expectation() {
                return "a string";
            }

            @Override
            public Class<?> javaType() {
                return Secret.class;
            }
        };
    }

    // ------------------------------------------------------------ building blocks

    /** Reads a plain HOCON value; Typesafe's message is cut to its explanation. */
    @FunctionalInterface
    interface Getter<T> {
        T get(Config c, String path);
    }

    static <T> ValueType<T> simple(Class<T> type, String expectation, Getter<T> getter, Function<T, String> render) {
        return new ValueType<>() {
            @Override
            public T read(Config c, String path, Path base, String key) {
                return get(key, () -> getter.get(c, path));
            }

            @Override
            public String render(T value) {
                return render.apply(value);
            }

            @Override
            public String expectation() {
                return expectation;
            }

            @Override
            public Class<?> javaType() {
                return type;
            }
        };
    }

    static <A, B> ValueType<B> map(ValueType<A> inner, Function<A, B> to, Function<B, A> from, Class<B> type) {
        return new ValueType<>() {
            @Override
            public B read(Config c, String path, Path base, String key) {
                return to.apply(inner.read(c, path, base, key));
            }

            @Override
            public String render(B value) {
                return inner.render(from.apply(value));
            }

            @Override
            public String expectation() {
                return inner.expectation();
            }

            @Override
            public Class<?> javaType() {
                return type;
            }
        };
    }

    /** A type whose values must also pass a check (which throws a TargetException naming the key). */
    record Checked<T>(ValueType<T> inner, java.util.function.BiConsumer<T, String> check) implements ValueType<T> {
        @Override
        public T read(Config c, String path, Path base, String key) {
            T v = inner.read(c, path, base, key);
            check.accept(v, key);
            return v;
        }

        @Override
        public String render(T value) {
            return inner.render(value);
        }

        @Override
        public String expectation() {
            return inner.expectation();
        }

        @Override
        public Class<?> javaType() {
            return inner.javaType();
        }
    }

    static <T> T get(String key, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (ConfigException e) {
            String m = String.valueOf(e.getMessage());
            // Typesafe prefixes "origin: line: path": keep only the explanation from "has type" on.
            String why = m.contains("has type") ? m.substring(m.indexOf("has type")) : m.replace('\n', ' ');
            throw new TargetException(key + ": " + why);
        }
    }

    static String quote(String s) {
        return "\"" + (s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"")) + "\"";
    }
}
