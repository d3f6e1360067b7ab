package dev.mconats.targetmodel;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One key of the target file: where it sits under {@code target { }}, its default, what it means (the README's
 * table is checked against this), and how a value is read from HOCON and written back. Keys are declared once, in
 * {@link TargetKeys}; reading, writing ({@link Target#toHocon()}), the builder and the unknown-key check all follow
 * from that declaration.
 *
 * @param <T> the value's type in {@link Target}
 */
public final class TargetKey<T> {
    private final String path;
    private final ValueType<T> type;
    private final T defaultValue;
    private final boolean required;
    private final String meaning;

    TargetKey(String path, ValueType<T> type, T defaultValue, boolean required, String meaning) {
        this.path = Objects.requireNonNull(path);
        this.type = Objects.requireNonNull(type);
        this.defaultValue = defaultValue;
        this.required = required;
        this.meaning = Objects.requireNonNull(meaning);
    }

    /** Path under {@code target}, e.g. {@code cluster.route-port}. */
    public String path() {
        return path;
    }

    /** The full key as errors name it: {@code target.cluster.route-port}. */
    public String fullName() {
        return "target." + path;
    }

    /** The value when the file does not set the key (null for required keys). */
    public T defaultValue() {
        return defaultValue;
    }

    public boolean required() {
        return required;
    }

    /** One line: what the key means. */
    public String meaning() {
        return meaning;
    }

    /** The default as the README's table shows it (HOCON syntax), or "required". */
    public String defaultText() {
        return required ? "required" : type.describeDefault(defaultValue);
    }

    /** True when the key owns a whole subtree (a map such as {@code hosts}): nested paths are its entries. */
    boolean ownsSubtree() {
        return type.isMap();
    }

    T read(Config c, Path base) {
        if (!c.hasPath(path)) {
            if (required) {
                throw new TargetException(fullName() + ": required (" + type.expectation() + ")");
            }
            return defaultValue;
        }
        return type.read(c, path, base, fullName());
    }

    /** The HOCON text of a value, or null when the value must not be written (secrets are never written). */
    String render(T value) {
        return type.render(value);
    }

    @SuppressWarnings("unchecked")
    String renderObject(Object value) {
        return render((T) value);
    }

    @SuppressWarnings("unchecked")
    T check(Object value) {
        if (value == null) {
            if (required) {
                throw new TargetException(fullName() + ": required (" + type.expectation() + ")");
            }
            throw new TargetException(fullName() + ": no value (null)");
        }
        return (T) type.javaType().cast(value);
    }

    @Override
    public String toString() {
        return fullName();
    }
}
