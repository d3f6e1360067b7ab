package dev.mconats.fleet;

import dev.mconats.mco.Codec;
import dev.mconats.mco.MessageRejected;
import dev.mconats.mco.OutboundRequest;
import dev.mconats.mco.Reply;
import dev.mconats.mco.RequestFactory;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Subscription;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * An MCollective client: its own TLS connection and signing certificate. {@link #call} publishes a signed request
 * (once on a broadcast subject, or once per target on directed subjects), collects replies on the request's own
 * reply subject and completes when the expected number of distinct nodes answered, or at the deadline with
 * "got k of n". Replies are decoded and their hash checked; only replies to this request id count.
 */
public final class McoClient implements AutoCloseable {
    private final Connection connection;
    private final Dispatcher dispatcher;
    private final RequestFactory requests;
    private final Codec codec;
    private final ScheduledExecutorService timer;
    private final Consumer<AutoCloseable> onClose;

    McoClient(Connection connection, RequestFactory requests, Codec codec, ScheduledExecutorService timer,
              Consumer<AutoCloseable> onClose) {
        this.connection = connection;
        this.dispatcher = connection.createDispatcher();
        this.requests = requests;
        this.codec = codec;
        this.timer = timer;
        this.onClose = onClose;
    }

    public RequestFactory requests() {
        return requests;
    }

    public Connection connection() {
        return connection;
    }

    /**
     * Sends {@code request} and counts replies. May block briefly in publish when jnats' outgoing queue is full, so
     * call it off any event loop. The future never fails: problems are a KO outcome.
     */
    public CompletableFuture<CallOutcome> call(OutboundRequest request, int expected, Duration timeout) {
        return call(request, expected, timeout, millis -> { });
    }

    /** Like {@link #call(OutboundRequest, int, Duration)}, telling {@code replyLatency} each counted reply's latency in ms. */
    public CompletableFuture<CallOutcome> call(OutboundRequest request, int expected, Duration timeout,
                                               LongConsumer replyLatency) {
        CompletableFuture<CallOutcome> result = new CompletableFuture<>();
        String id = request.request().requestId();
        ReplyTally tally = new ReplyTally(id, expected);
        long start = System.currentTimeMillis();
        Subscription[] sub = new Subscription[1];
        ScheduledFuture<?>[] deadline = new ScheduledFuture<?>[1];
        Runnable finish = () -> {
            if (result.complete(CallOutcome.of(tally, start, System.currentTimeMillis()).withRequestId(id))) {
                if (deadline[0] != null) {
                    deadline[0].cancel(false);
                }
                unsubscribe(sub[0]);
            }
        };
        try {
            sub[0] = dispatcher.subscribe(request.replySubject(), msg -> {
                long at = System.currentTimeMillis();
                Reply reply;
                try {
                    reply = codec.decodeReply(msg.getData());
                } catch (MessageRejected e) {
                    tally.invalid();
                    return;
                }
                boolean done = tally.add(reply.requestId(), reply.senderId(), at);
                replyLatency.accept(at - start);
                if (done) {
                    finish.run();
                }
            });
            if (expected == 0) {
                finish.run();
            }
            deadline[0] = timer.schedule(finish, timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (String subject : request.subjects()) {
                connection.publish(subject, request.payload());
            }
        } catch (RuntimeException e) {
            unsubscribe(sub[0]);
            result.complete(CallOutcome.failed(id, expected, start, System.currentTimeMillis(),
                    "cannot send: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())));
        }
        return result;
    }

    private void unsubscribe(Subscription s) {
        if (s == null) {
            return;
        }
        try {
            dispatcher.unsubscribe(s);
        } catch (RuntimeException ignored) {
            // connection already closed: the subscription is gone with it
        }
    }

    @Override
    public void close() throws InterruptedException {
        onClose.accept(this);
        connection.close();
    }
}
