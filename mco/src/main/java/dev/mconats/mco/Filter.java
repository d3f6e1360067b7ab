package dev.mconats.mco;

import java.util.List;
import java.util.Map;

/**
 * Request filter. All lists are always present (possibly empty) because the v1 schema requires the
 * keys; an all-empty filter means "every node that has the agent". {@code compound} keeps Choria's
 * odd shape (list of lists of {"expr": ...} maps) so foreign messages round-trip unchanged.
 */
public record Filter(List<FactFilter> fact,
                     List<String> cfClass,
                     List<String> agent,
                     List<String> identity,
                     List<List<Map<String, String>>> compound) {

    public static final Filter EMPTY = new Filter(List.of(), List.of(), List.of(), List.of(), List.of());

    public Filter {
        fact = fact == null ? List.of() : List.copyOf(fact);
        cfClass = cfClass == null ? List.of() : List.copyOf(cfClass);
        agent = agent == null ? List.of() : List.copyOf(agent);
        identity = identity == null ? List.of() : List.copyOf(identity);
        compound = compound == null ? List.of()
                : compound.stream().map(l -> l.stream().map(Map::copyOf).toList()).toList();
    }

    /** Filter a client sets when it targets specific nodes (directed mode). */
    public static Filter identities(List<String> identities) {
        return new Filter(List.of(), List.of(), List.of(), identities, List.of());
    }

    public boolean isEmpty() {
        return fact.isEmpty() && cfClass.isEmpty() && agent.isEmpty() && identity.isEmpty() && compound.isEmpty();
    }
}
