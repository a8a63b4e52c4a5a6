package dev.rehome.kubectl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Kubernetes object names derived from names people chose (databases, lock keys). Replacing characters a DNS
 * label cannot hold would make {@code a_b} and {@code a-b} one object, so every derived name ends in a hash of the
 * exact input: readable at a glance, distinct for distinct inputs.
 */
public final class KubeNames {
    private static final int MAX_LABEL = 63;
    private static final int HASH_LENGTH = 10;

    private KubeNames() {
    }

    /** {@code prefix} + the readable part of {@code raw} + {@code -} + a hash of {@code raw}: a DNS-1123 label. */
    public static String derived(String prefix, String raw) {
        String hash = sha256(raw).substring(0, HASH_LENGTH);
        String n = (prefix + raw).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        int room = MAX_LABEL - HASH_LENGTH - 1;
        n = n.length() > room ? n.substring(0, room) : n;
        return n.replaceAll("-+$", "") + "-" + hash;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
