package dev.mconats.simulations;

import dev.mconats.cluster.ClusterException;
import dev.mconats.cluster.CommandMember;
import dev.mconats.cluster.FaultKind;
import dev.mconats.cluster.MemberControl;
import dev.mconats.containers.LocalMembers;
import dev.mconats.storm.ClusterProbe;
import dev.mconats.storm.FaultPlan;
import dev.mconats.targetmodel.FaultSettings;
import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.Target;
import dev.mconats.targetmodel.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns a storm simulation's parameters into its {@link FaultPlan}, or one line saying why it cannot run. Who can
 * take a member down is chosen by the deployment: the member folders of a local deployment of this suite (given as
 * {@code members}, or found beside the target file) are stopped and started as processes or containers; a staging
 * target needs the fault section of its target file with {@code allow-member-commands = true}; anything else is
 * refused. Every member must be one of the target's servers and every server's monitor must answer, since recovery
 * is judged from what the servers report.
 */
final class StormSetup {
    /** What differs between the storm simulations. */
    record Kind(String name, FaultKind fault, long downForSeconds, boolean everyMember) {
    }

    static final Kind RECONNECT_STORM = new Kind("ReconnectStorm", FaultKind.KILL, 10, false);
    static final Kind ROLLING_RESTART = new Kind("RollingRestart", FaultKind.STOP, 2, true);

    /** The storm kind of a catalog simulation, if it is a storm. */
    static Optional<Kind> kindOf(String simulation) {
        return Stream.of(RECONNECT_STORM, ROLLING_RESTART).filter(k -> k.name().equals(simulation)).findFirst();
    }

    /** Folder of the run where a member that is down has its marker (read by the load command after the injector). */
    static final String MEMBERS_DOWN = "members-down";

    private StormSetup() {
    }

    static FaultPlan plan(LoadSetup setup, Kind kind, int clients) {
        LoadParameters p = setup.params();
        Target target = setup.target();
        List<ClusterProbe.Server> servers = new ArrayList<>();
        for (int i = 0; i < setup.servers().size(); i++) {
            servers.add(new ClusterProbe.Server(ClusterProbe.endpointOf(setup.servers().urls().get(i)), setup.monitors().get(i).monitorUrl()));
        }
        ClusterProbe probe = new ClusterProbe(servers);
        FaultKind fault = p.fault(kind.fault());
        List<MemberControl> members = members(setup, kind, fault, servers);
        List<MemberControl> steps = kind.everyMember() ? members : List.of(pick(members, p.stormMember()));
        ClusterProbe.View view = probe.read();
        if (!view.allAnswered()) {
            throw new TargetException(kind.name() + " judges recovery from each server's /varz and /routez, and not every "
                    + "monitor of " + target.name() + " answers: " + view.describe());
        }
        int rounds = p.rounds();
        Duration roundTime = p.roundInterval().plus(p.discoveryTimeout()).plusSeconds(5);
        return new FaultPlan(kind.name(), fault, p.downFor(kind.downForSeconds()), steps, probe, p.memberReadyTimeout(),
                p.recoveryTimeout(), p.meshTimeout(), clients * (p.warmupRounds() + rounds), clients * rounds, roundTime,
                p.recoveryBoundMillis(), p.replaceWith(), p.output().resolve(MEMBERS_DOWN));
    }

    private static MemberControl pick(List<MemberControl> members, Optional<String> which) {
        if (which.isEmpty()) {
            return members.get(members.size() >= 2 ? 1 : 0);
        }
        String w = which.get();
        if (w.matches("\\d+")) {
            int i = Integer.parseInt(w);
            if (i < 1 || i > members.size()) {
                throw new TargetException(LoadParameters.PREFIX + "storm-member: " + i + " is not between 1 and " + members.size());
            }
            return members.get(i - 1);
        }
        return members.stream().filter(m -> m.name().equals(w)).findFirst().orElseThrow(() -> new TargetException(
                LoadParameters.PREFIX + "storm-member: no member named '" + w + "' (members: "
                        + members.stream().map(MemberControl::name).toList() + ")"));
    }

    private static List<MemberControl> members(LoadSetup setup, Kind kind, FaultKind fault, List<ClusterProbe.Server> servers) {
        LoadParameters p = setup.params();
        Target target = setup.target();
        List<Path> dirs = p.members().isEmpty() ? besideTarget(target) : expand(p.members());
        List<String> endpoints = servers.stream().map(ClusterProbe.Server::endpoint).toList();
        List<MemberControl> out = new ArrayList<>();
        if (!dirs.isEmpty()) {
            List<String> extra = replacementConfig(p);
            for (Path d : dirs) {
                MemberControl m;
                try {
                    m = LocalMembers.of(d, p.replaceWith(), extra);
                } catch (ClusterException e) {
                    throw new TargetException(LoadParameters.PREFIX + "members: " + e.getMessage());
                }
                if (!endpoints.contains(m.server())) {
                    throw new TargetException(LoadParameters.PREFIX + "members: " + d + " serves " + m.server()
                            + ", which is not a server of " + target.name() + " " + endpoints);
                }
                out.add(m);
            }
            return out;
        }
        FaultSettings f = target.fault();
        if (f.members().isEmpty()) {
            throw new TargetException(kind.name() + " must stop and start members of " + target.name() + " and cannot: it is not "
                    + "a local deployment of this suite (no member folders beside its target file, no " + LoadParameters.PREFIX
                    + "members) and its target file has no fault section (target.fault.members)");
        }
        if (!f.allowMemberCommands()) {
            throw new TargetException("target.fault.allow-member-commands is false: " + kind.name() + " may not run the fault "
                    + "commands of " + target.name() + " (set it to true to let the suite stop and start those servers)");
        }
        if (p.replaceWith().isPresent()) {
            throw new TargetException(LoadParameters.PREFIX + "replace-with: members of a fault section are replaced by their own start commands");
        }
        for (FaultSettings.Member fm : f.members()) {
            String endpoint = endpoint(target, fm.server());
            int i = endpoints.indexOf(endpoint);
            if (i < 0) {
                throw new TargetException("target.fault.members: " + fm.server() + " (" + endpoint + ") is not one of the servers of "
                        + target.name() + " " + endpoints);
            }
            if (fault == FaultKind.KILL && fm.kill().isEmpty()) {
                throw new TargetException("target.fault.members: " + fm.name() + " has no kill command (add one, or run with "
                        + LoadParameters.PREFIX + "fault=stop)");
            }
            if (fault == FaultKind.STOP && fm.stop().isEmpty()) {
                throw new TargetException("target.fault.members: " + fm.name() + " has no stop command (add one, or run with "
                        + LoadParameters.PREFIX + "fault=kill)");
            }
            out.add(new CommandMember(fm.name(), endpoint, servers.get(i).monitor(),
                    new CommandMember.Commands(fm.stop(), fm.kill(), fm.start()), f.commandTimeout(),
                    p.output().resolve("member-commands")));
        }
        out.sort(Comparator.comparingInt(m -> endpoints.indexOf(m.server())));
        return out;
    }

    private static String endpoint(Target target, ServerAddress s) {
        return target.resolve(s.host()).getHostAddress() + ":" + s.port();
    }

    /** A local deployment of this suite keeps its members in cluster/node<i>/ beside target.conf. */
    private static List<Path> besideTarget(Target target) {
        return target.file().map(f -> f.getParent().resolve("cluster")).map(d -> nodeDirs(d)).orElse(List.of());
    }

    private static List<Path> expand(List<Path> given) {
        List<Path> out = new ArrayList<>();
        for (Path d : given) {
            if (Files.isRegularFile(d.resolve("nats-server.conf"))) {
                out.add(d);
            } else {
                List<Path> nodes = nodeDirs(d);
                if (nodes.isEmpty()) {
                    throw new TargetException(LoadParameters.PREFIX + "members: " + d + " is neither a member folder (nats-server.conf) "
                            + "nor a cluster folder with node1..n");
                }
                out.addAll(nodes);
            }
        }
        return out;
    }

    private static List<Path> nodeDirs(Path clusterDir) {
        if (!Files.isDirectory(clusterDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(clusterDir)) {
            return s.filter(d -> d.getFileName().toString().matches("node\\d+") && Files.isRegularFile(d.resolve("nats-server.conf")))
                    .sorted(Comparator.comparingInt(d -> Integer.parseInt(d.getFileName().toString().substring(4)))).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> replacementConfig(LoadParameters p) {
        Optional<Path> f = p.replaceConfig();
        if (f.isEmpty()) {
            return List.of();
        }
        try {
            return Files.readAllLines(f.get()).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new TargetException(LoadParameters.PREFIX + "replace-config: cannot read " + f.get() + ": " + e.getMessage());
        }
    }
}
