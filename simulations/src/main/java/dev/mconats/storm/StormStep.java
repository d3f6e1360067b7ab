package dev.mconats.storm;

import dev.mconats.gatling.internal.RunControl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One member's fault and recovery as measured: filled in by the fault driver while it happens, turned into the step
 * object of load-summary.json's {@code storm} (see docs/load.md) once the run's rounds are all in. Times are epoch ms;
 * durations that were not reached are null. The verdict is FAIL when any claim broke: the member did not come back,
 * the fleet or the mesh did not recover within its bound, a round after recovery lost a reply.
 */
public final class StormStep {
    final int step;
    final String member;
    final String server;
    long faultAt;
    Long startedAgainAt;
    Long memberBackAt;
    Long allReconnectedAt;
    Long meshWholeAt;
    Long recoveredAt;
    int nodesOnMemberBefore = -1;
    long affectedNodes;
    long failedReconnectAttempts;
    Map<String, Integer> spreadAfter = Map.of();
    InjectorCpu.Figures cpu;
    boolean nothingExpected;
    final List<String> failures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    StormStep(int step, String member, String server) {
        this.step = step;
        this.member = member;
        this.server = server;
    }

    void fail(String why) {
        failures.add(why);
    }

    void note(String what) {
        notes.add(what);
    }

    public boolean failedWhileRunning() {
        return !failures.isEmpty();
    }

    public boolean memberBack() {
        return memberBackAt != null;
    }

    public boolean boundedByInjector() {
        return cpu != null && cpu.boundedByInjector();
    }

    public boolean machineSaturated() {
        return cpu != null && cpu.machineSaturated();
    }

    /** The step object; rounds come from the run's tallies, so call it after the run (every round ended). */
    public Map<String, Object> toJson(RunControl control, int roundsAfterRequired) {
        RunControl.Rounds outage = control.rounds(RunControl.Phase.OUTAGE, step);
        RunControl.Rounds recovery = control.rounds(RunControl.Phase.RECOVERING, step);
        RunControl.Rounds after = control.rounds(RunControl.Phase.RECOVERED, step);
        List<String> why = new ArrayList<>(failures);
        if (recoveredAt != null) {
            if (after.ko() > 0) {
                why.add(after.ko() + " of " + after.count() + " discovery rounds after recovery lost replies ("
                        + after.missing() + " missing)");
            } else if (after.count() < roundsAfterRequired) {
                why.add("only " + after.count() + " of " + roundsAfterRequired + " discovery rounds after recovery ran");
            }
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("step", step);
        s.put("member", member);
        s.put("server", server);
        s.put("fault_at", faultAt);
        s.put("started_again_at", startedAgainAt);
        s.put("nodes_on_member_before", nodesOnMemberBefore < 0 ? null : nodesOnMemberBefore);
        s.put("affected_nodes", affectedNodes);
        s.put("failed_reconnect_attempts", failedReconnectAttempts);
        s.put("all_reconnected_ms", allReconnectedAt == null ? null : allReconnectedAt - faultAt);
        s.put("member_back_ms", memberBackAt == null || startedAgainAt == null ? null : memberBackAt - startedAgainAt);
        s.put("mesh_whole_ms", meshWholeAt == null || startedAgainAt == null ? null : meshWholeAt - startedAgainAt);
        s.put("recovered_ms", recoveredAt == null ? null : recoveredAt - faultAt);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("count", outage.count());
        o.put("replies_expected", outage.expected());
        o.put("replies_received", outage.received());
        o.put("reply_ratio", outage.expected() == 0 ? null : round3((double) outage.received() / outage.expected()));
        s.put("outage_rounds", o);
        s.put("recovery_rounds", roundsJson(recovery));
        s.put("after_rounds", roundsJson(after));
        s.put("lost_replies", outage.missing() + recovery.missing() + after.missing());
        s.put("spread_after", spreadAfter);
        Map<String, Object> c = new LinkedHashMap<>();
        if (cpu != null) {
            c.put("mean_util", Double.isNaN(cpu.meanUtil()) ? null : round3(cpu.meanUtil()));
            c.put("saturated_fraction", Double.isNaN(cpu.saturatedFraction()) ? null : round3(cpu.saturatedFraction()));
            c.put("bounded_by_injector", cpu.boundedByInjector());
            c.put("machine_util", Double.isNaN(cpu.machineUtil()) ? null : round3(cpu.machineUtil()));
            c.put("machine_saturated_fraction", Double.isNaN(cpu.machineSaturatedFraction()) ? null : round3(cpu.machineSaturatedFraction()));
            c.put("machine_saturated", cpu.machineSaturated());
            c.put("window_ms", cpu.windowMillis());
        }
        s.put("injector_cpu", c);
        boolean pass = why.isEmpty();
        s.put("verdict", pass ? "PASS" : "FAIL");
        s.put("reason", reason(pass, why, after));
        return s;
    }

    private static Map<String, Object> roundsJson(RunControl.Rounds r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", r.count());
        m.put("ok", r.ok());
        m.put("ko", r.ko());
        m.put("missing_replies", r.missing());
        return m;
    }

    private String reason(boolean pass, List<String> why, RunControl.Rounds after) {
        StringBuilder b = new StringBuilder();
        if (!pass) {
            b.append(String.join("; ", why));
        } else {
            b.append(allReconnectedAt != null ? "fleet connected again " + secs(allReconnectedAt - faultAt) + " after the fault"
                    : "no node had to reconnect");
            if (meshWholeAt != null && startedAgainAt != null) {
                b.append(", mesh whole ").append(secs(meshWholeAt - startedAgainAt)).append(" after the restart");
            }
            b.append(", ").append(after.count()).append(" rounds after recovery without a lost reply");
        }
        notes.forEach(n -> b.append("; ").append(n));
        if (boundedByInjector()) {
            b.append("; recovery time bounded by the injector (CPU ").append(Math.round(cpu.meanUtil() * 100))
                    .append(" % of its cores, saturated ").append(Math.round(cpu.saturatedFraction() * 100))
                    .append(" % of the time): it measures the injector, not the cluster");
        } else if (machineSaturated()) {
            b.append("; the machine the injector runs on was saturated (").append(Math.round(cpu.machineUtil() * 100))
                    .append(" % of its cores busy, above 90 % for ").append(Math.round(cpu.machineSaturatedFraction() * 100))
                    .append(" % of the time; the injector itself ").append(Math.round(cpu.meanUtil() * 100))
                    .append(" %): the recovery time measures what this machine could give the injector and any local servers, not the cluster alone");
        }
        return b.toString();
    }

    static String secs(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
