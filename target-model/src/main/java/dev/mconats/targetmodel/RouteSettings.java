package dev.mconats.targetmodel;

/** What the suite knows about the cluster (route) port. The password is a {@link Secret}. */
public record RouteSettings(int port, boolean probe, String user, Secret password) {
}
