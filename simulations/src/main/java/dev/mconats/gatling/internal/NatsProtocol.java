package dev.mconats.gatling.internal;

import dev.mconats.gatling.NatsDsl;

import io.gatling.core.CoreComponents;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.protocol.Protocol;
import io.gatling.core.protocol.ProtocolKey;
import scala.Function1;

/** The NATS protocol of a simulation: carries the {@link NatsRun} every NATS action of that simulation uses. */
public final class NatsProtocol implements Protocol {
    public static final ProtocolKey<NatsProtocol, NatsComponents> KEY = new ProtocolKey<>() {
        @Override
        @SuppressWarnings("unchecked")
        public Class<Protocol> protocolClass() {
            return (Class<Protocol>) (Class<?>) NatsProtocol.class;
        }

        @Override
        public NatsProtocol defaultProtocolValue(GatlingConfiguration configuration) {
            throw new IllegalStateException("NATS actions need the nats protocol: setUp(...).protocols(NatsDsl.nats(run))");
        }

        @Override
        public Function1<NatsProtocol, NatsComponents> newComponents(CoreComponents core) {
            return protocol -> NatsComponents.of(protocol.run(), core);
        }
    };

    private final NatsRun run;

    public NatsProtocol(NatsRun run) {
        this.run = run;
    }

    public NatsRun run() {
        return run;
    }
}
