package dev.mconats.targetmodel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The target file's {@code fault} section: how storm simulations may take members of a staging cluster down and
 * bring them back, as commands the operator names per member (e.g. {@code ssh nats2 sudo systemctl stop
 * nats-server}). Nothing runs unless {@code allow-member-commands = true}; each command is killed after
 * {@code command-timeout}.
 */
public record FaultSettings(boolean allowMemberCommands, Duration commandTimeout, List<Member> members) {
    /**
     * One member's commands. {@code kill} (a crash) may be empty: storms that kill are then refused for it.
     *
     * @param name   label in reports (default: the server's host)
     * @param server the client endpoint as the target lists it
     */
    public record Member(String name, ServerAddress server, String stop, String kill, String start) {
    }

    public static final FaultSettings NONE = new FaultSettings(false, Duration.ofMinutes(2), List.of());

    public FaultSettings {
        members = List.copyOf(members);
    }

    public Optional<Member> member(ServerAddress server) {
        return members.stream().filter(m -> m.server().equals(server)).findFirst();
    }
}
