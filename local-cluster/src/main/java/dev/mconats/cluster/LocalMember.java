package dev.mconats.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A member of a local deployment of this suite, known by its folder: name, client endpoint and monitor come from the
 * config in that folder, whichever launcher runs it ({@link ProcessMember}, or a container member).
 */
public abstract class LocalMember implements MemberControl {
    protected final NodeFolder folder;

    protected LocalMember(NodeFolder folder) {
        this.folder = folder;
    }

    @Override
    public Optional<Path> folder() {
        return Optional.of(folder.dir());
    }

    @Override
    public String name() {
        return folder.name();
    }

    @Override
    public String server() {
        return folder.server();
    }

    @Override
    public URI monitor() {
        return folder.monitor();
    }

    @Override
    public String toString() {
        return name() + " (" + folder.dir() + ")";
    }
}
