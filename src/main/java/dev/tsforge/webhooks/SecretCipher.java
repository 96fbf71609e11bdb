package dev.tsforge.webhooks;

import dev.tsforge.config.StartupRefusal;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypts signing secrets for the database with AES-256-GCM under {@code tsforge.webhooks.secret-key}: the database
 * alone (a dump, a backup) does not give away the secrets, yet every replica can sign with them. A fresh 96-bit nonce
 * per secret, as GCM requires; the tag makes a tampered row fail to decrypt rather than sign with garbage.
 */
@Component
class SecretCipher {

    static final String KEY_PROPERTY = "tsforge.webhooks.secret-key";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    SecretCipher(WebhookProperties properties) {
        this.key = properties.secretKey().isBlank() ? null : parse(properties.secretKey());
        if (key == null) {
            log.info("Webhooks cannot be created: {} is not set (README, \"Webhooks\").", KEY_PROPERTY);
        }
    }

    /** A secret encrypted, and the nonce it was encrypted with, both base64. */
    record Sealed(String cipherText, String nonce) {
    }

    Sealed seal(byte[] secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, requireKey(), new GCMParameterSpec(TAG_BITS, nonce));
            Base64.Encoder base64 = Base64.getEncoder();
            return new Sealed(base64.encodeToString(cipher.doFinal(secret)), base64.encodeToString(nonce));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** @throws IllegalStateException when the key is not the one that sealed it (changed key) or the row was altered */
    byte[] open(Sealed sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, requireKey(),
                    new GCMParameterSpec(TAG_BITS, Base64.getDecoder().decode(sealed.nonce())));
            return cipher.doFinal(Base64.getDecoder().decode(sealed.cipherText()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the signing secret cannot be decrypted: " + KEY_PROPERTY
                    + " is not the key it was stored with, or the row was altered", e);
        }
    }

    boolean configured() {
        return key != null;
    }

    private SecretKey requireKey() {
        if (key == null) {
            throw new ApiProblemException(ProblemType.WEBHOOKS_NOT_CONFIGURED, "Webhooks need " + KEY_PROPERTY
                    + " (TSFORGE_WEBHOOKS_SECRET_KEY): base64 of 32 random bytes, e.g. $(openssl rand -base64 32), "
                    + "the same on every replica. It encrypts the signing secrets in the database.");
        }
        return key;
    }

    private static SecretKey parse(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != KEY_BYTES) {
            throw new StartupRefusal(KEY_PROPERTY + " is not base64 of " + KEY_BYTES + " bytes (AES-256).",
                    "Set it to the output of `openssl rand -base64 32`, the same on every replica; or leave it empty "
                            + "to run without webhooks.");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
