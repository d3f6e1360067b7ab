package dev.mconats.conformance;

import java.util.List;

/** A check about the deployment as a whole (SRV record set, membership); one result for the cluster. */
public abstract class ClusterCheck extends BaseCheck {
    protected ClusterCheck(String id, String requirement, String source) {
        super(id, requirement, source);
    }

    @Override
    public final List<CheckResult> run(ConformanceContext ctx) {
        long t0 = System.nanoTime();
        try {
            return List.of(result(CheckResult.CLUSTER, check(ctx), t0));
        } catch (RuntimeException e) {
            return List.of(crashed(CheckResult.CLUSTER, e, t0));
        }
    }

    protected abstract Verdict check(ConformanceContext ctx);
}
