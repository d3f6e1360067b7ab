package dev.mconats.upgrade;

import dev.mconats.cluster.ServerLauncher;
import java.util.List;

/** One side of an upgrade rehearsal: how its servers run (binary or image) and config lines added to every node. */
public record Side(String label, ServerLauncher launcher, List<String> extraConfig) {
    public Side {
        extraConfig = List.copyOf(extraConfig);
    }

    public String describe() {
        return launcher.describe() + (extraConfig.isEmpty() ? "" : " + config " + String.join("; ", extraConfig));
    }
}
