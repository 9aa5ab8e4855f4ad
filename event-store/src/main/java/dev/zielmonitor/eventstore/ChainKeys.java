package dev.zielmonitor.eventstore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The keys that the hash chain's seals are made and checked with (ADR 0010). They come from configuration and
 * never from the database: whoever can rewrite the tables must not be able to read them there. The first key
 * makes new seals; the others only check seals made before a rotation. The key material never leaves this object
 * (not in {@link #toString()} either).
 */
public final class ChainKeys {

    /** How the keys are written in configuration. */
    public static final String FORMAT = "<key id>:<base64 of at least 32 random bytes>[,<older key id>:<base64>…]";
    /** HMAC-SHA256 gains nothing from longer keys than its block, and a short one could be guessed. */
    static final int MIN_KEY_BYTES = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String ALGORITHM = "HmacSHA256";

    private final Map<String, byte[]> keys;

    private ChainKeys(Map<String, byte[]> keys) {
        this.keys = Collections.unmodifiableMap(keys);
    }

    /** No keys: a walk checks the seals' order and positions, not their MACs ("keyed": false). */
    public static ChainKeys none() {
        return new ChainKeys(new LinkedHashMap<>());
    }

    /**
     * Reads {@link #FORMAT}; blank gives {@link #none()}.
     *
     * @throws IllegalArgumentException naming the entry that is malformed (never its key)
     */
    public static ChainKeys parse(String configured) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        if (configured == null || configured.isBlank()) {
            return new ChainKeys(keys);
        }
        String[] entries = configured.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            int colon = entry.indexOf(':');
            String where = "hash chain key " + (i + 1) + " of " + entries.length;
            if (colon < 0) {
                throw new IllegalArgumentException(where + " has no key id: expected " + FORMAT);
            }
            String id = entry.substring(0, colon).trim();
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(where + ": the key id must be 1 to 64 letters, digits, '.', '_' "
                        + "or '-', starting with a letter or digit");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " (id " + id + ") is not base64: expected " + FORMAT);
            }
            if (key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException(where + " (id " + id + ") has " + key.length + " bytes, at least "
                        + MIN_KEY_BYTES + " are needed (e.g. openssl rand -base64 32)");
            }
            if (keys.putIfAbsent(id, key) != null) {
                throw new IllegalArgumentException(where + ": key id " + id + " is given twice");
            }
        }
        return new ChainKeys(keys);
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The id of the key new seals are made with. */
    public String currentId() {
        if (keys.isEmpty()) {
            throw new IllegalStateException("no hash chain key configured");
        }
        return keys.keySet().iterator().next();
    }

    public Set<String> ids() {
        return keys.keySet();
    }

    /** HMAC-SHA256 of the message with the key of that id; empty if no such key is configured. */
    Optional<byte[]> mac(String keyId, byte[] message) {
        byte[] key = keys.get(keyId);
        if (key == null) {
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return Optional.of(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has " + ALGORITHM, e);
        }
    }

    /** Whether {@code expected} is the MAC of the message under that key, compared in constant time. */
    boolean verifies(String keyId, byte[] message, byte[] expected) {
        return mac(keyId, message).map(actual -> MessageDigest.isEqual(actual, expected)).orElse(false);
    }

    @Override
    public String toString() {
        return "ChainKeys" + keys.keySet();
    }
}
