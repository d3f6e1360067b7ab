package dev.mconats.containers;

import dev.mconats.cluster.MemberControl;
import dev.mconats.cluster.NodeFolder;
import dev.mconats.cluster.ProcessMember;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The member control of a local deployment's member folder: a container when it holds container.id, else a process. */
public final class LocalMembers {
    private LocalMembers() {
    }

    public static MemberControl of(Path nodeDir) {
        return of(nodeDir, Optional.empty(), List.of());
    }

    /**
     * @param replacement for an upgrade step: the candidate (a nats-server binary for a process member, an image for a
     *                    container member); empty to start the member again as it was
     * @param extraConfig config lines the candidate adds to the member's config
     */
    public static MemberControl of(Path nodeDir, Optional<String> replacement, List<String> extraConfig) {
        NodeFolder folder = NodeFolder.read(nodeDir);
        if (folder.inContainer()) {
            ContainerMember m = ContainerMember.of(folder);
            return replacement.map(image -> (MemberControl) m.upgradedTo(image, extraConfig)).orElse(m);
        }
        ProcessMember m = ProcessMember.of(nodeDir);
        return replacement.map(bin -> (MemberControl) m.upgradedTo(Path.of(bin), extraConfig)).orElse(m);
    }
}
