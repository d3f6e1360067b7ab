package dev.mconats.reports.progress;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a long command is, in the order a run goes through them. The injector reports the ones it sees (connecting up
 * to finishing, and a storm's fault phases); the front door adds its own (starting servers, starting the injector,
 * report, done). A phase's {@link #label()} with a detail ("round 2 of 5", "step 1 of 3: nats2") is what people read.
 */
public enum Phase {
    STARTING_SERVERS("starting servers"),
    STARTING_INJECTOR("starting injector"),
    CONNECTING("connecting"),
    WARM_UP("warm-up round"),
    ROUNDS("round"),
    /** A node shard of a fleet: all its nodes are up and answer the client shard's rounds. */
    SERVING("serving"),
    FAULT_INJECTED("fault injected"),
    RECOVERING("recovering"),
    RECOVERED("recovered"),
    /** The clients are done: nodes leave, the injector writes its records. */
    FINISHING("finishing"),
    /** Gatling's HTML report, the merge of a fleet's records, the run folder. */
    REPORT("report"),
    DONE("done"),
    /** One step of a command made of commands (the main job, the rehearsal): "step 2 of 5: conformance". */
    STEP("step");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The label, with the detail after it when there is one: "round 2 of 5". */
    public String text(String detail) {
        return detail == null || detail.isBlank() ? label : label + " " + detail;
    }

    /** The name used in run.json and progress.jsonl ("warm-up", "fault-injected"). */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Phase ofId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
