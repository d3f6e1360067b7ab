package dev.mconats.mco;

import java.util.Objects;

/** One fact match of a request filter, e.g. {@code osfamily == RedHat}; serialised as {fact, operator, value}. */
public record FactFilter(String fact, String operator, String value) {
    public FactFilter {
        Objects.requireNonNull(fact, "fact");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
    }
}
