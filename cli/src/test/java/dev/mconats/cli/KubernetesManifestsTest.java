package dev.mconats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Kubernetes cannot run here, so the manifests in deploy/kubernetes are parsed with the Kubernetes API model and
 * checked for what would break a distributed run: the Indexed Job's shape, the index wired into the command, the
 * container arguments parsed by the real CLI (so a manifest can never name an option the CLI lacks), and the Secret,
 * volume and mount paths agreeing with the target file.
 */
class KubernetesManifestsTest {
    private static final Path DIR = root().resolve("deploy/kubernetes");
    private static final YAMLMapper YAML = (YAMLMapper) new YAMLMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern VAR = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    @Test
    void fleetJobIsAnIndexedJobWhoseIndexIsTheShard() throws Exception {
        Job job = YAML.readValue(DIR.resolve("fleet-job.yaml").toFile(), Job.class);
        assertThat(job.getApiVersion()).isEqualTo("batch/v1");
        assertThat(job.getKind()).isEqualTo("Job");
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(job.getSpec().getBackoffLimit()).isZero(); // a shard re-run later would join a run that moved on
        Container c = only(pod.getContainers());
        assertThat(c.getArgs()).contains("--shard=$(JOB_COMPLETION_INDEX)");

        int completions = job.getSpec().getCompletions();
        assertThat(job.getSpec().getParallelism()).as("all shards at once").isEqualTo(completions);
        for (int index = 0; index < completions; index++) {
            FleetCommand fleet = parse(c.getArgs(), Map.of("JOB_COMPLETION_INDEX", String.valueOf(index)), FleetCommand.class);
            assertThat(fleet.shard).isEqualTo(index);
            assertThat(fleet.injectors).as("completions == parallelism == --injectors").isEqualTo(completions);
            assertThat(fleet.output.toString()).endsWith("/shards/" + index);
            assertThat((fleet.nodes + fleet.injectors - 1) / fleet.injectors).isLessThanOrEqualTo(FleetCommand.MAX_NODES_PER_INJECTOR);
            assertThat(fleet.simulationOptions.allowNonLoopback).as("a cluster in Kubernetes is not on loopback").isTrue();
        }
    }

    @Test
    void podResourcesCoverTheInjectorHeap() throws Exception {
        Job job = YAML.readValue(DIR.resolve("fleet-job.yaml").toFile(), Job.class);
        Container c = only(job.getSpec().getTemplate().getSpec().getContainers());
        FleetCommand fleet = parse(c.getArgs(), Map.of("JOB_COMPLETION_INDEX", "0"), FleetCommand.class);
        long heap = jvmSize(fleet.heap);
        long limit = Quantity.getAmountInBytes(c.getResources().getLimits().get("memory")).longValue();
        long request = Quantity.getAmountInBytes(c.getResources().getRequests().get("memory")).longValue();
        assertThat(heap).isEqualTo(2L << 30);
        assertThat(limit).as("heap + off-heap of ~17,000 TLS connections + front door").isGreaterThanOrEqualTo(heap + (1L << 30));
        assertThat(request).isEqualTo(limit); // no overcommit: an OOM-killed shard loses its whole slice
        assertThat(c.getResources().getRequests()).containsKey("cpu");
    }

    @Test
    void secretVolumeAndMountsAgreeWithTheTargetFile() throws Exception {
        Job job = YAML.readValue(DIR.resolve("fleet-job.yaml").toFile(), Job.class);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container c = only(pod.getContainers());
        FleetCommand fleet = parse(c.getArgs(), Map.of("JOB_COMPLETION_INDEX", "1"), FleetCommand.class);

        // the target file lives in the mount of a Secret volume, and that Secret is the one kustomize generates
        VolumeMount targetMount = mountHolding(c, fleet.target);
        assertThat(targetMount.getReadOnly()).isTrue();
        Volume targetVolume = volume(pod, targetMount.getName());
        assertThat(targetVolume.getSecret()).as("target volume is a Secret").isNotNull();
        JsonNode kustomization = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
        JsonNode generator = only(findByName(kustomization.path("secretGenerator"), targetVolume.getSecret().getSecretName()));
        List<String> secretFiles = new ArrayList<>();
        generator.path("files").forEach(f -> secretFiles.add(f.asText()));
        assertThat(kustomization.path("generatorOptions").path("disableNameSuffixHash").asBoolean())
                .as("the Job names the Secret literally").isTrue();
        assertThat(secretFiles).contains(fleet.target.getFileName().toString());

        // every file the target names resolves into the same mount, and is a key of the Secret
        Config t = ConfigFactory.parseFile(DIR.resolve("target.conf").toFile()).getConfig("target");
        Path mount = Path.of(targetMount.getMountPath());
        for (String key : List.of("tls.ca", "tls.cert", "tls.key")) {
            Path resolved = mount.resolve(t.getString(key)).normalize();
            assertThat(resolved.getParent()).as(key).isEqualTo(mount);
            assertThat(secretFiles).as(key).contains(resolved.getFileName().toString());
        }
        assertThat(t.getBoolean("load.allow-non-loopback")).isTrue();

        // results go to the shared RWX claim that the merge Job reads
        VolumeMount results = mountHolding(c, fleet.output);
        Volume resultsVolume = volume(pod, results.getName());
        PersistentVolumeClaim pvc = YAML.readValue(DIR.resolve("results-pvc.yaml").toFile(), PersistentVolumeClaim.class);
        assertThat(pvc.getKind()).isEqualTo("PersistentVolumeClaim");
        assertThat(resultsVolume.getPersistentVolumeClaim().getClaimName()).isEqualTo(pvc.getMetadata().getName());
        assertThat(pvc.getSpec().getAccessModes()).contains("ReadWriteMany");
        assertThat(kustomization.path("resources").toString()).contains("results-pvc.yaml").contains("fleet-job.yaml");
    }

    @Test
    void mergeJobReadsWhatTheShardsWrite() throws Exception {
        Job fleetJob = YAML.readValue(DIR.resolve("fleet-job.yaml").toFile(), Job.class);
        Job merge = YAML.readValue(DIR.resolve("merge-job.yaml").toFile(), Job.class);
        assertThat(merge.getApiVersion()).isEqualTo("batch/v1");
        assertThat(merge.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        Container fc = only(fleetJob.getSpec().getTemplate().getSpec().getContainers());
        Container mc = only(merge.getSpec().getTemplate().getSpec().getContainers());
        assertThat(mc.getImage()).isEqualTo(fc.getImage());
        FleetCommand shard0 = parse(fc.getArgs(), Map.of("JOB_COMPLETION_INDEX", "0"), FleetCommand.class);
        MergeCommand m = parse(mc.getArgs(), Map.of(), MergeCommand.class);
        assertThat(m.dirs).containsExactly(shard0.output.getParent()); // .../shards, holding every shard's folder
        mountHolding(mc, m.reports);
        assertThat(volume(merge.getSpec().getTemplate().getSpec(), mountHolding(mc, m.dirs.get(0)).getName())
                .getPersistentVolumeClaim().getClaimName()).isEqualTo("mco-nats-results");
        assertThat(mc.getResources().getLimits()).containsKey("memory");
    }

    @Test
    void imageDefinitionBuildsOnATemurinJreAndRunsTheFrontDoor() throws Exception {
        String containerfile = Files.readString(root().resolve("deploy/injector/Containerfile"));
        Matcher from = Pattern.compile("(?m)^FROM \\S*eclipse-temurin:(\\d+)-jre\\b").matcher(containerfile);
        assertThat(from.find()).isTrue();
        assertThat(Integer.parseInt(from.group(1))).isGreaterThanOrEqualTo(21);
        assertThat(containerfile).contains("COPY cli/target/mco-nats.jar").contains("COPY simulations/target/classes/")
                .contains("COPY simulations/target/lib/").contains("COPY cli/target/lib/")
                .contains("ENTRYPOINT [\"java\", \"-Xmx128m\", \"-jar\", \"/opt/mco-nats/cli/target/mco-nats.jar\"]");
    }

    // ------------------------------------------------------------ helpers

    /** Expands $(VAR) as Kubernetes does, then parses with the real command spec; fails on an unknown variable. */
    private static <T> T parse(List<String> args, Map<String, String> env, Class<T> command) {
        List<String> expanded = new ArrayList<>();
        for (String a : args) {
            Matcher m = VAR.matcher(a);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                assertThat(env).as("variable %s in %s", m.group(1), a).containsKey(m.group(1));
                m.appendReplacement(b, Matcher.quoteReplacement(env.get(m.group(1))));
            }
            m.appendTail(b);
            expanded.add(b.toString());
        }
        CommandLine.ParseResult r = new CommandLine(new Main()).parseArgs(expanded.toArray(String[]::new));
        assertThat(r.hasSubcommand()).isTrue();
        Object user = r.subcommand().commandSpec().userObject();
        assertThat(user).isInstanceOf(command);
        return command.cast(user);
    }

    /** A JVM -Xmx value (k, m, g: powers of 1024) in bytes. */
    private static long jvmSize(String v) {
        Matcher m = Pattern.compile("(\\d+)([kKmMgG]?)").matcher(v);
        assertThat(m.matches()).as("heap %s", v).isTrue();
        int shift = switch (m.group(2).toLowerCase()) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    private static VolumeMount mountHolding(Container c, Path file) {
        return c.getVolumeMounts().stream().filter(m -> file.toAbsolutePath().startsWith(Path.of(m.getMountPath())))
                .findFirst().orElseThrow(() -> new AssertionError(file + " is on no volume mount of " + c.getName()));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static List<JsonNode> findByName(JsonNode array, String name) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(n -> {
            if (name.equals(n.path("name").asText())) {
                out.add(n);
            }
        });
        return out;
    }

    private static <T> T only(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("deploy"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new AssertionError("no deploy/ folder above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
