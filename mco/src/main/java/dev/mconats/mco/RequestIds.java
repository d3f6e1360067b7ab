package dev.mconats.mco;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: 32 lower-case hex characters (a UUID without dashes in Choria). Generated from
 * {@link ThreadLocalRandom} because ids only need to be unique, not secret, and SecureRandom
 * would be a contention point when thousands of simulated clients publish at once.
 */
public final class RequestIds {
    public static final int LENGTH = 32;
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[LENGTH];
        fill(out, 0, random.nextLong());
        fill(out, 16, random.nextLong());
        return new String(out);
    }

    /** The schema only demands 32 characters; we accept any such id so foreign clients are not rejected. */
    public static boolean isValid(String id) {
        return id != null && id.length() == LENGTH;
    }

    private static void fill(char[] out, int offset, long bits) {
        for (int i = 15; i >= 0; i--) {
            out[offset + i] = DIGITS[(int) (bits & 0xF)];
            bits >>>= 4;
        }
    }
}
