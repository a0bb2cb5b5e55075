package org.twitchtriage.cdshooks.internal;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remembers the {@code jti} of every accepted token until the token expires, so that a token is accepted once only.
 * In memory: a restart forgets, which is safe as long as tokens live shorter than a restart takes (the service bounds
 * their lifetime). Bounded: when full of unexpired entries it refuses new tokens rather than forgetting old ones.
 * Thread-safe.
 */
public final class ReplayCache {
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final int capacity;
    private final AtomicInteger sincePurge = new AtomicInteger();

    /** What {@link #markUsed} found. */
    public enum Result {
        /** First use: the token may proceed. */
        FIRST_USE,
        /** The token was used before and has not expired: a replay. */
        REPLAYED,
        /** Too many unexpired tokens are remembered to take another. */
        FULL
    }

    /** @param capacity most tokens remembered at once */
    public ReplayCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the replay cache needs room for at least one token");
        }
        this.capacity = capacity;
    }

    /**
     * Records a token as used.
     *
     * @param issuer the token's issuer
     * @param jti    the token's id
     * @param until  when the token can no longer be accepted anyway (its expiry plus the clock skew)
     * @param now    the current time
     * @return whether this is the first use
     */
    public Result markUsed(String issuer, String jti, Instant until, Instant now) {
        if (sincePurge.incrementAndGet() >= 256 || seen.size() >= capacity) {
            sincePurge.set(0);
            seen.values().removeIf(expiry -> expiry.isBefore(now));
        }
        String key = issuer + "\n" + jti;
        boolean[] first = {false};
        if (seen.size() >= capacity && !seen.containsKey(key)) {
            return Result.FULL;
        }
        seen.compute(key, (k, expiry) -> {
            if (expiry == null || expiry.isBefore(now)) {
                first[0] = true;
                return until;
            }
            return expiry;
        });
        return first[0] ? Result.FIRST_USE : Result.REPLAYED;
    }

    /** @return the number of tokens remembered now */
    public int size() {
        return seen.size();
    }
}
