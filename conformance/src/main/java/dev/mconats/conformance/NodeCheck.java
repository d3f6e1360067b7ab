package dev.mconats.conformance;

import java.util.List;

/** A check made on every node separately (side by side); one result per node. */
public abstract class NodeCheck extends BaseCheck {
    protected NodeCheck(String id, String requirement, String source) {
        super(id, requirement, source);
    }

    @Override
    public final List<CheckResult> run(ConformanceContext ctx) {
        return Parallel.map(ctx.nodes(), node -> {
            long t0 = System.nanoTime();
            try {
                return result(node.label(), check(ctx, node), t0);
            } catch (RuntimeException e) {
                return crashed(node.label(), e, t0);
            }
        });
    }

    protected abstract Verdict check(ConformanceContext ctx, Node node);
}
