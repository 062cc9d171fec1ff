package io.duocache.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.duocache.DuocacheException;

/**
 * Signs stored entries with HMAC-SHA256, so an entry written by anyone without the secret is
 * recognised and never decoded. Thread-safe: each signature works on a clone of one initialised MAC.
 */
public final class EntrySigner {

	/** Bytes of a signature. */
	public static final int SIGNATURE_BYTES = 32;

	/** The shortest secret accepted as text, in characters. */
	public static final int MIN_SECRET_LENGTH = 32;

	private static final String ALGORITHM = "HmacSHA256";

	private final Mac prototype;

	private EntrySigner(Mac prototype) {
		this.prototype = prototype;
	}

	/**
	 * Returns a signer with a secret given as text (a configured signing key).
	 * @param secret the secret
	 * @return the signer
	 */
	public static EntrySigner of(String secret) {
		return of(secret.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Returns a signer with a secret given as bytes.
	 * @param secret the secret
	 * @return the signer
	 */
	public static EntrySigner of(byte[] secret) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(secret, ALGORITHM));
			return new EntrySigner(mac);
		}
		catch (GeneralSecurityException ex) {
			throw new DuocacheException(ALGORITHM + " is not available in this JVM", ex);
		}
	}

	/**
	 * Returns the signature of an entry.
	 * @param context what the entry is bound to (its store key), signed before the parts
	 * @param parts the entry's bytes, in order
	 * @return the {@value #SIGNATURE_BYTES}-byte signature
	 */
	public byte[] sign(byte[] context, ByteBuffer... parts) {
		Mac mac = mac();
		mac.update(context);
		for (ByteBuffer part : parts) {
			mac.update(part.duplicate());
		}
		return mac.doFinal();
	}

	/**
	 * Returns whether a signature is the one of an entry, compared in constant time.
	 * @param signature the signature read with the entry
	 * @param context what the entry is bound to
	 * @param parts the entry's bytes, in order
	 * @return whether it matches
	 */
	public boolean verifies(byte[] signature, byte[] context, ByteBuffer... parts) {
		return MessageDigest.isEqual(signature, sign(context, parts));
	}

	/**
	 * Returns whether an array starts with the signature of the rest of it, compared in constant time,
	 * without copying either.
	 * @param signed the signature followed by the entry's bytes
	 * @param context what the entry is bound to
	 * @return whether it matches
	 */
	public boolean verifiesSigned(byte[] signed, byte[] context) {
		if (signed.length < SIGNATURE_BYTES) {
			return false;
		}
		Mac mac = mac();
		mac.update(context);
		mac.update(signed, SIGNATURE_BYTES, signed.length - SIGNATURE_BYTES);
		byte[] expected = mac.doFinal();
		int difference = 0;
		for (int i = 0; i < SIGNATURE_BYTES; i++) {
			difference |= expected[i] ^ signed[i];
		}
		return difference == 0;
	}

	private Mac mac() {
		try {
			return (Mac) this.prototype.clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(ALGORITHM + " cannot be cloned in this JVM", ex);
		}
	}

}
