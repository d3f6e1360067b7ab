package dev.mconats.srv;

/** One SRV answer, independent of the DNS library. The target name has no trailing dot. */
public record SrvRecord(int priority, int weight, int port, String target) {
    public SrvRecord {
        if (target.endsWith(".")) {
            target = target.substring(0, target.length() - 1);
        }
    }

    @Override
    public String toString() {
        return priority + " " + weight + " " + port + " " + target;
    }
}
