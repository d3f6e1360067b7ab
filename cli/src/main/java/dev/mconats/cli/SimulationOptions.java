package dev.mconats.cli;

import dev.mconats.simulations.LoadParameters;
import dev.mconats.targetmodel.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Simulation parameters that {@code load} and {@code fleet} share; each command adds its own on top. */
public final class SimulationOptions {
    @Option(names = "--clients", description = "Clients issuing discovery (default: one per server; with fleet: all in shard 0)")
    Integer clients;
    @Option(names = "--rounds", description = "Discovery rounds at steady state")
    Integer rounds;
    @Option(names = "--ramp-rate", description = "Nodes started per second (with fleet: per injector)")
    Double rampRate;
    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Any simulation parameter (see docs/load.md), repeatable")
    List<String> params = new ArrayList<>();
    @Option(names = "--allow-non-loopback", description = "Allow load against servers outside 127.0.0.0/8 (else needs target load.allow-non-loopback = true)")
    boolean allowNonLoopback;

    /** The opt-in for servers outside 127.0.0.0/8: passed to the injector as a program argument, not a parameter. */
    boolean allowNonLoopback() {
        return allowNonLoopback;
    }

    /** The {@code --param} pairs, then the named options that were given (they win over --param). */
    Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        for (String kv : params) {
            int eq = kv.indexOf('=');
            if (eq < 1) {
                throw new UserError("--param wants NAME=VALUE, got '" + kv + "'");
            }
            String name = kv.substring(0, eq).trim();
            if (name.equals("allow-non-loopback")) {
                throw new UserError("--param allow-non-loopback: not a parameter; use --allow-non-loopback (or the target's "
                        + "load { allow-non-loopback = true })");
            }
            try {
                LoadParameters.checkNames(List.of(name));
            } catch (TargetException e) {
                throw new UserError("--param " + name + ": unknown parameter (see docs/load.md, \"Parameters\")");
            }
            p.put(name, kv.substring(eq + 1).trim());
        }
        if (clients != null) {
            p.put("clients", String.valueOf(clients));
        }
        if (rounds != null) {
            p.put("rounds", String.valueOf(rounds));
        }
        if (rampRate != null) {
            p.put("ramp-rate", String.valueOf(rampRate));
        }
        return p;
    }
}
