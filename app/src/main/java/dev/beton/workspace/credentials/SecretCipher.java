package dev.beton.workspace.credentials;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * AES-256-GCM through a Tink keyset: the current key is primary and seals; previous keys stay in
 * the keyset and only open. Tink prefixes each ciphertext with the id of the key that sealed it,
 * so opening picks the right key without trying them all.
 */
final class SecretCipher {

    private static final int PREFIX_BYTES = 5;

    private final Aead aead;
    private final int currentKeyId;

    SecretCipher(SealingKey current, List<SealingKey> previous) {
        try {
            AeadConfig.register();
            KeysetHandle.Builder keyset = KeysetHandle.newBuilder();
            keyset.addEntry(KeysetHandle.importKey(tinkKey(current))
                    .withFixedId(current.id())
                    .makePrimary());
            Set<Integer> ids = new HashSet<>(Set.of(current.id()));
            for (SealingKey old : previous) {
                if (ids.add(old.id())) {
                    keyset.addEntry(KeysetHandle.importKey(tinkKey(old)).withFixedId(old.id()));
                }
            }
            this.aead = keyset.build().getPrimitive(RegistryConfiguration.get(), Aead.class);
            this.currentKeyId = current.id();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Tink refused an AES-256-GCM key: " + e.getClass().getSimpleName(), e);
        }
    }

    int currentKeyId() {
        return currentKeyId;
    }

    byte[] seal(byte[] plaintext, byte[] associatedData) {
        try {
            return aead.encrypt(plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** @throws GeneralSecurityException when no key opens it or the associated data differs */
    byte[] open(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        return aead.decrypt(ciphertext, associatedData);
    }

    /** The id of the key that sealed a ciphertext, read from Tink's 5-byte output prefix. */
    static int keyIdOf(byte[] ciphertext) {
        return ciphertext.length < PREFIX_BYTES
                ? 0
                : ByteBuffer.wrap(ciphertext, 1, 4).getInt();
    }

    private static AesGcmKey tinkKey(SealingKey key) throws GeneralSecurityException {
        AesGcmParameters parameters = AesGcmParameters.builder()
                .setKeySizeBytes(SealingKey.KEY_BYTES)
                .setIvSizeBytes(12)
                .setTagSizeBytes(16)
                .setVariant(AesGcmParameters.Variant.TINK)
                .build();
        return AesGcmKey.builder()
                .setParameters(parameters)
                .setKeyBytes(SecretBytes.copyFrom(key.bytes(), InsecureSecretKeyAccess.get()))
                .setIdRequirement(key.id())
                .build();
    }
}
