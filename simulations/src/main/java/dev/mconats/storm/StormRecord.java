package dev.mconats.storm;

import dev.mconats.gatling.internal.RunControl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything one storm measured: its plan, each step as it happened, steps that were not run because an earlier
 * member did not come back, and what the guard could not start again at the end. Becomes load-summary.json's
 * {@code storm} object: one verdict for the whole storm, FAIL when any step failed or was not run.
 */
public final class StormRecord {
    private final FaultPlan plan;
    private final int fleetSize;
    private final List<StormStep> steps = new CopyOnWriteArrayList<>();
    private final List<String> notRun = new CopyOnWriteArrayList<>();
    private final List<String> leftDown = new CopyOnWriteArrayList<>();
    private volatile int otherConnections;

    public StormRecord(FaultPlan plan, int fleetSize) {
        this.plan = plan;
        this.fleetSize = fleetSize;
    }

    public FaultPlan plan() {
        return plan;
    }

    StormStep begin(int step, String member, String server) {
        StormStep s = new StormStep(step, member, server);
        steps.add(s);
        return s;
    }

    /** Connections the servers carried besides this run's nodes and clients at steady state (other users of the cluster). */
    void otherConnections(int n) {
        otherConnections = n;
    }

    void notRun(String member) {
        notRun.add(member);
    }

    void leftDown(List<String> problems) {
        leftDown.addAll(problems);
    }

    public List<StormStep> steps() {
        return List.copyOf(steps);
    }

    public Map<String, Object> toJson(RunControl control) {
        List<Map<String, Object>> stepJson = new ArrayList<>();
        for (StormStep s : steps) {
            stepJson.add(s.toJson(control, plan.roundsAfter()));
        }
        List<String> why = new ArrayList<>();
        for (Map<String, Object> s : stepJson) {
            if ("FAIL".equals(s.get("verdict"))) {
                why.add(s.get("member") + ": " + s.get("reason"));
            }
        }
        if (steps.isEmpty()) {
            why.add("no fault was injected (the fleet never reached steady state)");
        }
        if (!notRun.isEmpty()) {
            why.add("not run after that: " + String.join(", ", notRun));
        }
        if (!leftDown.isEmpty()) {
            why.add("could not be started again at the end: " + String.join("; ", leftDown));
        }
        boolean bounded = steps.stream().anyMatch(StormStep::boundedByInjector);
        boolean machine = steps.stream().anyMatch(StormStep::machineSaturated);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", plan.kind());
        m.put("fault", plan.fault().label());
        m.put("down_for_ms", plan.downFor().toMillis());
        m.put("members", plan.probe().servers().size());
        m.put("fleet_size", fleetSize);
        plan.replacement().ifPresent(r -> m.put("replacement", r));
        m.put("verdict", why.isEmpty() ? "PASS" : "FAIL");
        m.put("reason", why.isEmpty() ? summary(stepJson) : String.join("; ", why));
        m.put("bounded_by_injector", bounded);
        m.put("machine_saturated", machine);
        m.put("steps", stepJson);
        m.put("not_run", List.copyOf(notRun));
        // Spread figures are the servers' counts minus this run's clients: other users' connections would be in them.
        m.put("other_connections", otherConnections == Integer.MAX_VALUE ? null : otherConnections);
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (RunControl.Mark mark : control.timeline()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("phase", mark.phase().label());
            t.put("step", mark.step());
            t.put("member", mark.member());
            t.put("at", mark.atMillis());
            timeline.add(t);
        }
        m.put("timeline", timeline);
        return m;
    }

    private String summary(List<Map<String, Object>> steps) {
        long worst = steps.stream().map(s -> s.get("all_reconnected_ms")).filter(v -> v instanceof Long).mapToLong(v -> (Long) v).max().orElse(-1);
        return steps.size() + " step(s) passed" + (worst >= 0 ? "; slowest fleet recovery " + StormStep.secs(worst) + " after the fault" : "")
                + (steps.stream().anyMatch(s -> Boolean.TRUE.equals(((Map<?, ?>) s.get("injector_cpu")).get("bounded_by_injector")))
                ? "; recovery bounded by the injector, not the cluster" : "")
                + (steps.stream().anyMatch(s -> Boolean.TRUE.equals(((Map<?, ?>) s.get("injector_cpu")).get("machine_saturated")))
                ? "; the injector's machine was saturated during recovery" : "");
    }
}
