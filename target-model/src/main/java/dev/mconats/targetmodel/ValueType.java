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
        return of(String.class, "a string", (c, p, base, key) -> get(key, () -> c.getString(p)).trim(), ValueType::quote);
    }

    static ValueType<Boolean> bool() {
        return of(Boolean.class, "true or false", (c, p, base, key) -> get(key, () -> c.getBoolean(p)), String::valueOf);
    }

    /** A whole number from {@code min} to {@code max}; {@code tooSmall}/{@code tooLarge} word the error. */
    private static ValueType<Long> wholeNumber(String expectation, long min, long max, RangeError error) {
        return of(Long.class, expectation, (c, p, base, key) -> {
            long v = get(key, () -> c.getLong(p));
            if (v < min || v > max) {
                throw new TargetException(key + ": " + error.message(v));
            }
            return v;
        }, String::valueOf);
    }

    /** How an out-of-range number is reported. */
    @FunctionalInterface
    interface RangeError {
        String message(long value);
    }

    /** A whole number from {@code min} to {@code max}. */
    static ValueType<Long> range(long min, long max) {
        return wholeNumber("a whole number", min, max,
                v -> v < min ? "must be at least " + min + ", got " + v : v + " is too large (at most " + max + ")");
    }

    static ValueType<Long> positiveLong() {
        return range(1, Long.MAX_VALUE);
    }

    static ValueType<Integer> positiveInt() {
        return asInt(wholeNumber("a whole number", 1, Integer.MAX_VALUE,
                v -> v < 1 ? "must be at least 1, got " + v : v + " is too large (at most " + Integer.MAX_VALUE + ")"));
    }

    static ValueType<Integer> port() {
        return asInt(wholeNumber("a port", 1, 65535, v -> "port " + v + " out of range 1-65535"));
    }

    private static ValueType<Integer> asInt(ValueType<Long> inner) {
        return of(Integer.class, inner.expectation(), (c, p, base, key) -> inner.read(c, p, base, key).intValue(),
                v -> inner.render(v.longValue()));
    }

    /** A list of strings, each turned into an element by {@code parse} (its IllegalArgumentException names the bad one). */
    static <E> ValueType<List<E>> list(String expectation, Function<String, E> parse, Function<E, String> unparse) {
        return of(List.class, expectation, (c, p, base, key) -> {
            List<E> out = new ArrayList<>();
            for (String s : get(key, () -> c.getStringList(p))) {
                try {
                    out.add(parse.apply(s.trim()));
                } catch (IllegalArgumentException e) {
                    throw new TargetException(key + ": " + e.getMessage());
                }
            }
            return List.copyOf(out);
        }, v -> v.stream().map(unparse).map(ValueType::quote).collect(Collectors.joining(", ", "[", "]")));
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
        ValueType<Map<String, String>> map = of(Map.class, "an object of name = value", (c, p, base, key) -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, ConfigValue> e : get(key, () -> c.getObject(p)).entrySet()) {
                out.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
            }
            return Map.copyOf(out);
        }, v -> v.isEmpty() ? "{}" : v.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> quote(e.getKey()) + " = " + quote(e.getValue())).collect(Collectors.joining(", ", "{ ", " }")));
        return new Of<>(Map.class, map.expectation(), map::read, map::render, map::render, true);
    }

    /** "host:port", or empty for none. */
    static ValueType<Optional<InetSocketAddress>> optionalHostPort() {
        return of(Optional.class, "host:port", (c, p, base, key) -> {
            String v = get(key, () -> c.getString(p)).trim();
            if (v.isEmpty()) {
                return Optional.empty();
            }
            int colon = v.lastIndexOf(':');
            try {
                int port = colon < 1 ? -1 : Integer.parseInt(v.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return Optional.of(new InetSocketAddress(v.substring(0, colon), port));
            } catch (NumberFormatException e) {
                throw new TargetException(key + ": expected host:port, got '" + v + "'");
            }
        }, v -> quote(v.map(a -> a.getHostString() + ":" + a.getPort()).orElse("")));
    }

    /** A readable file, relative paths resolved against the target file's folder; empty for none. */
    static ValueType<Optional<Path>> optionalFile() {
        return of(Optional.class, "path to a PEM file", ValueType::readFile, v -> quote(v.map(Path::toString).orElse("")));
    }

    /** A required readable file. */
    static ValueType<Path> file() {
        return of(Path.class, "path to a PEM file", (c, p, base, key) -> readFile(c, p, base, key)
                .orElseThrow(() -> new TargetException(key + ": required (path to a PEM file)")), v -> quote(v.toString()));
    }

    private static Optional<Path> readFile(Config c, String path, Path base, String key) {
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

    /** A positive duration ("30s", "2m", "500ms"); written back in seconds or milliseconds. */
    static ValueType<java.time.Duration> duration() {
        return of(java.time.Duration.class, "a duration such as 30s", (c, p, base, key) -> {
            java.time.Duration d = get(key, () -> c.getDuration(p));
            if (d.isNegative() || d.isZero()) {
                throw new TargetException(key + ": must be positive, got " + get(key, () -> c.getString(p)));
            }
            return d;
        }, d -> d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms");
    }

    /**
     * The fault section's members: a list of {@code { server, stop, kill, start, name }} objects. {@code server} and
     * {@code start} are required, and a stop or a kill command; {@code name} defaults to the server's host.
     */
    static ValueType<List<FaultSettings.Member>> faultMembers() {
        List<String> fields = List.of("name", "server", "stop", "kill", "start");
        return of(List.class, "a list of { server, stop, kill, start }", (c, p, base, key) -> {
            List<FaultSettings.Member> out = new ArrayList<>();
            List<? extends Config> list = get(key, () -> c.getConfigList(p));
            for (int i = 0; i < list.size(); i++) {
                Config m = list.get(i);
                String k = key + "[" + i + "]";
                for (String field : m.root().keySet()) {
                    if (!fields.contains(field)) {
                        throw new TargetException(k + "." + field + ": unknown key (a member has " + String.join(", ", fields) + ")");
                    }
                }
                java.util.function.Function<String, String> text = f -> m.hasPath(f) ? get(k + "." + f, () -> m.getString(f)).trim() : "";
                ServerAddress server;
                try {
                    server = ServerAddress.parse(m.hasPath("server") ? text.apply("server") : "");
                } catch (IllegalArgumentException e) {
                    throw new TargetException(k + ".server: " + (m.hasPath("server") ? e.getMessage() : "required (\"host:port\")"));
                }
                String start = text.apply("start");
                if (start.isEmpty()) {
                    throw new TargetException(k + ".start: required (the command that starts " + server + " again)");
                }
                String stop = text.apply("stop");
                String kill = text.apply("kill");
                if (stop.isEmpty() && kill.isEmpty()) {
                    throw new TargetException(k + ": needs a stop or a kill command for " + server);
                }
                String name = text.apply("name");
                out.add(new FaultSettings.Member(name.isEmpty() ? server.host() : name, server, stop, kill, start));
            }
            return List.copyOf(out);
        }, v -> v.isEmpty() ? "[]" : v.stream().map(m -> "{ name = " + quote(m.name()) + ", server = " + quote(m.server().toString())
                + ", stop = " + quote(m.stop()) + ", kill = " + quote(m.kill()) + ", start = " + quote(m.start()) + " }")
                .collect(Collectors.joining(", ", "[", "]")));
    }

    /**
     * A secret: read like a string, never written. {@link Target#toHocon()} writes the environment substitution
     * {@code ${?VARIABLE}} instead, so a written file still takes the secret from where the operator keeps it.
     */
    static ValueType<Secret> secret(String environmentVariable) {
        return new Of<>(Secret.class, "a string", (c, p, base, key) -> Secret.of(get(key, () -> c.getString(p))),
                v -> "${?" + environmentVariable + "}", v -> quote(v.isEmpty() ? "" : "****"), false);
    }

    /** A value that may be absent: absent when the file does not set it, never written then; shown as "not set". */
    static <T> ValueType<Optional<T>> optional(ValueType<T> inner) {
        return new Of<>(Optional.class, inner.expectation(), (c, p, base, key) -> Optional.of(inner.read(c, p, base, key)),
                v -> v.map(inner::render).orElse(null), v -> v.map(inner::render).orElse("not set"), false);
    }

    // ------------------------------------------------------------ building blocks

    /** Reads a value; every error is a TargetException naming {@code key}. */
    @FunctionalInterface
    interface Reader<T> {
        T read(Config c, String path, Path base, String key);
    }

    static <T> ValueType<T> of(Class<?> type, String expectation, Reader<T> read, Function<T, String> render) {
        return new Of<>(type, expectation, read, render, render, false);
    }

    /** The one implementation: a reader, a writer, how documentation shows a default. */
    record Of<T>(Class<?> javaType, String expectation, Reader<T> reader, Function<T, String> renderer,
                 Function<T, String> defaultText, boolean isMap) implements ValueType<T> {
        @Override
        public T read(Config c, String path, Path base, String key) {
            return reader.read(c, path, base, key);
        }

        @Override
        public String render(T value) {
            return renderer.apply(value);
        }

        @Override
        public String describeDefault(T value) {
            return defaultText.apply(value);
        }
    }

    /** Runs a Typesafe read; its message is cut to its explanation. */
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
