package dev.beton.workspace.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * One AES-256 key in the text form operators handle: base64 of 32 random bytes. The id is derived
 * from the key (never the other way round), so the same key gets the same id on every start and a
 * ciphertext's key id says which key sealed it.
 */
public final class SealingKey {

    static final int KEY_BYTES = 32;

    private final byte[] bytes;
    private final int id;

    private SealingKey(byte[] bytes) {
        this.bytes = bytes;
        this.id = idOf(bytes);
    }

    /** A fresh random key, for {@code ./beton keygen} and the demo key file. */
    public static SealingKey generate() {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return new SealingKey(bytes);
    }

    /**
     * Parses the base64 text form; empty when it is not base64 of exactly 32 bytes. The error
     * never repeats the text, which is a secret.
     */
    public static Optional<SealingKey> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(text.strip());
            return bytes.length == KEY_BYTES ? Optional.of(new SealingKey(bytes)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The base64 text form; only for printing a new key once or writing the demo key file. */
    public String encoded() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    /** A non-secret fingerprint used as Tink key id (a positive 31-bit number). */
    public int id() {
        return id;
    }

    private static int idOf(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("beton-sealing-key-id:".getBytes(StandardCharsets.US_ASCII));
            byte[] digest = sha.digest(key);
            int id = ((digest[0] & 0x7f) << 24)
                    | ((digest[1] & 0xff) << 16)
                    | ((digest[2] & 0xff) << 8)
                    | (digest[3] & 0xff);
            return id == 0 ? 1 : id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealingKey that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return id;
    }

    @Override
    public String toString() {
        return "SealingKey[id=" + id + "]";
    }
}
