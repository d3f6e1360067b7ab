package dev.mconats.mco;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a node reports about itself to request filters: its facts and its Puppet classes. A simulated node's
 * inventory follows from its index in the fleet ({@link #simulated}), so a client knows without asking how many
 * nodes a filter selects, and the inventory costs a node 16 bytes instead of a map.
 *
 * <p>Matching follows MCollective's filter semantics: a fact filter compares with {@code ==}, {@code !=},
 * {@code =~} (regular expression, with or without surrounding slashes), {@code <}, {@code >}, {@code <=}, {@code >=}
 * (numerically when both sides are numbers); a class filter is an exact class name or {@code /regex/}.
 */
public interface NodeInventory {
    /** The value of a fact, or null when the node does not have it. */
    String fact(String name);

    List<String> classes();

    /** No facts and no classes: every fact or class filter misses. */
    NodeInventory NONE = new NodeInventory() {
        @Override
        public String fact(String name) {
            return null;
        }

        @Override
        public List<String> classes() {
            return List.of();
        }
    };

    /**
     * Simulated node number {@code index} of a fleet: {@code fleet_index} = index, {@code parity} = even|odd (halves),
     * {@code datacenter} = dc1|dc2|dc3 (thirds), {@code role} = db for every tenth node, else web; classes
     * {@code mcollective::server}, {@code role::<role>}, {@code profile::<datacenter>}.
     */
    static NodeInventory simulated(int index) {
        return new Simulated(index);
    }

    default boolean matches(FactFilter f) {
        String have = fact(f.fact());
        if (have == null) {
            return false;
        }
        String want = f.value();
        return switch (f.operator()) {
            case "==", "=" -> have.equals(want) || compare(have, want) == 0;
            case "!=" -> !have.equals(want) && compare(have, want) != 0;
            case "=~" -> Pattern.compile(unslash(want)).matcher(have).find();
            case "<" -> compare(have, want) < 0;
            case ">" -> compare(have, want) > 0;
            case "<=" -> compare(have, want) <= 0;
            case ">=" -> compare(have, want) >= 0;
            default -> false; // an operator MCollective does not know selects nothing
        };
    }

    default boolean hasClass(String filter) {
        if (filter.length() > 1 && filter.startsWith("/") && filter.endsWith("/")) {
            Pattern p = Pattern.compile(unslash(filter));
            return classes().stream().anyMatch(c -> p.matcher(c).find());
        }
        return classes().contains(filter);
    }

    /** Fact filters and class filters of a request, all of which must match (MCollective ANDs them). */
    default boolean matchesAll(Filter filter) {
        return filter.fact().stream().allMatch(this::matches) && filter.cfClass().stream().allMatch(this::hasClass);
    }

    private static String unslash(String s) {
        return s.length() > 1 && s.startsWith("/") && s.endsWith("/") ? s.substring(1, s.length() - 1) : s;
    }

    /** Numeric order when both are numbers, else string order. */
    private static int compare(String a, String b) {
        try {
            return new BigDecimal(a.trim()).compareTo(new BigDecimal(b.trim()));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    /** The inventory of simulated node {@code index}; computed on demand (see {@link #simulated}). */
    record Simulated(int index) implements NodeInventory {
        @Override
        public String fact(String name) {
            return switch (name) {
                case "fleet_index" -> Integer.toString(index);
                case "parity" -> index % 2 == 0 ? "even" : "odd";
                case "datacenter" -> datacenter();
                case "role" -> role();
                default -> null;
            };
        }

        @Override
        public List<String> classes() {
            return List.of("mcollective::server", "role::" + role(), "profile::" + datacenter());
        }

        /** The facts as a map, for reports and registration data. */
        public Map<String, String> facts() {
            return Map.of("fleet_index", fact("fleet_index"), "parity", fact("parity"), "datacenter", datacenter(),
                    "role", role());
        }

        private String datacenter() {
            return "dc" + (index % 3 + 1);
        }

        private String role() {
            return index % 10 == 0 ? "db" : "web";
        }
    }
}
