package dev.mconats.cli;

import static org.junit.jupiter.api.Assertions.fail;

import dev.mconats.containers.ContainerLauncher;
import org.junit.jupiter.api.Assumptions;

/**
 * Container tests of the front door need a Docker API: where CI promises one ({@code MCO_NATS_REQUIRE_CONTAINERS=true})
 * its absence FAILS; elsewhere the test is skipped with the reason. Returns the image to run.
 */
public final class DockerApi {
    private DockerApi() {
    }

    public static String requireOrSkip(String what) {
        boolean available = ContainerLauncher.available();
        if (!available && "true".equals(System.getenv("MCO_NATS_REQUIRE_CONTAINERS"))) {
            fail("MCO_NATS_REQUIRE_CONTAINERS=true but no Docker API answers at DOCKER_HOST=" + System.getenv("DOCKER_HOST"));
        }
        Assumptions.assumeTrue(available, "no Docker API reachable: " + what + " skipped (containers/podman/podman-service.sh start)");
        return System.getenv().getOrDefault("MCO_NATS_IMAGE", ContainerLauncher.DEFAULT_IMAGE);
    }
}
