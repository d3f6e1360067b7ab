package dev.mconats.mco;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code discovery} agent: answers "pong" to a body containing "ping". Matching by substring,
 * like Choria, tolerates the Ruby client's serialised "ping" (which carries extra framing bytes).
 * Any other body gets no reply (Choria logs an error and sends nothing useful).
 */
public final class DiscoveryAgent implements Agent {
    public static final String NAME = "discovery";
    public static final byte[] PING = "ping".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PONG = "pong".getBytes(StandardCharsets.UTF_8);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<byte[]> handle(Request request, String identity, long now) {
        return containsPing(request.bodyUnsafe()) ? Optional.of(PONG.clone()) : Optional.empty();
    }

    private static boolean containsPing(byte[] body) {
        outer:
        for (int i = 0; i + PING.length <= body.length; i++) {
            for (int j = 0; j < PING.length; j++) {
                if (body[i + j] != PING[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
