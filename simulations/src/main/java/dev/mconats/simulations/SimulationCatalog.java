package dev.mconats.simulations;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The simulations mco-nats runs by name: adding one is one entry here. The front door reads this list too (it has
 * no Gatling on its classpath, so entries name their class instead of referencing it); the injector loads the class.
 */
public final class SimulationCatalog {
    /** Which embedded default deployment a simulation uses when no target is given. */
    public enum Deployment {
        SINGLE("single"), CLUSTER("cluster");

        private final String folder;

        Deployment(String folder) {
            this.folder = folder;
        }

        /** Folder of its target file under the embedded default's state folder ("single" or "cluster"). */
        public String folder() {
            return folder;
        }
    }

    /**
     * @param name         what users type ({@code --simulation NAME})
     * @param className    the Gatling simulation class
     * @param deployment   the embedded default it runs against without a target
     * @param faultsMember a storm: it stops and starts cluster members itself (see StormSetup for who may)
     * @param loadCommand  run by {@code load}; false for simulations that another command drives ({@code fleet})
     * @param summary      one line for {@code --help}
     */
    public record Entry(String name, String className, Deployment deployment, boolean faultsMember, boolean loadCommand,
                        String summary) {
    }

    private static final String PACKAGE = SimulationCatalog.class.getPackageName() + ".";

    private static final List<Entry> ENTRIES = List.of(
            new Entry("SingleServerScaling", PACKAGE + "SingleServerScaling", Deployment.SINGLE, false, true,
                    "ramp N nodes onto one server, then discovery rounds and directed pings"),
            new Entry("ClusterScaling", PACKAGE + "ClusterScaling", Deployment.CLUSTER, false, true,
                    "the same on a cluster; nodes spread over the members, fan-out crosses routes"),
            new Entry("ConnectStorm", PACKAGE + "ConnectStorm", Deployment.SINGLE, false, true,
                    "all N nodes connect at once"),
            new Entry("ReconnectStorm", PACKAGE + "ReconnectStorm", Deployment.CLUSTER, true, true,
                    "a member is killed or stopped under a live fleet and started again; outage, recovery, mesh, spread"),
            new Entry("RollingRestart", PACKAGE + "RollingRestart", Deployment.CLUSTER, true, true,
                    "every member in turn is restarted (or replaced: replace-with) under a live fleet, one verdict"),
            new Entry("FleetScaling", PACKAGE + "FleetScaling", Deployment.CLUSTER, false, false,
                    "one fleet over several injectors (run by the fleet command)"));

    private SimulationCatalog() {
    }

    public static List<Entry> all() {
        return ENTRIES;
    }

    public static Optional<Entry> find(String name) {
        return ENTRIES.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Names the load command accepts, comma separated, for errors and help. */
    public static String loadNames() {
        return ENTRIES.stream().filter(Entry::loadCommand).map(Entry::name).collect(Collectors.joining(", "));
    }
}
