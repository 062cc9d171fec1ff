package io.duocache.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import io.duocache.DuocacheException;

/**
 * Seals stored entries, so an entry written by anyone without the secret is recognised and never
 * decoded. The seal is an AES-256-GCM tag: the entry is run through GCM's encryption (into a small
 * scratch buffer, the ciphertext is not kept) under a fresh nonce, with what it is bound to (its
 * store key) and the seal's own first bytes as additional data. On JDK 17 with AES-NI, VAES and
 * carry-less multiplication, GCM's encryption runs about twice as fast as HMAC-SHA256 with the SHA
 * instructions, while GCM over additional data alone (GMAC) is not accelerated at all
 * ({@code MacBenchmark}).
 * <p>
 * A seal of {@value #SIGNATURE_BYTES} bytes: a format byte, the three-byte id of the key, the
 * twelve-byte nonce and the sixteen-byte tag. The key and its id are derived from the configured
 * secret; older secrets still verify the entries sealed with them, an entry of a key this signer
 * does not know (or of the earlier HMAC-SHA256 format) is {@link Verdict#UNKNOWN_KEY}, never taken
 * for tampering. Thread-safe.
 */
public final class EntrySigner {

	/** Bytes of a seal. */
	public static final int SIGNATURE_BYTES = 32;

	/** The shortest secret accepted as text, in characters. */
	public static final int MIN_SECRET_LENGTH = 32;

	private static final byte FORMAT = 2;

	private static final int KEY_ID_BYTES = 3;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BYTES = 16;

	private static final int SCRATCH_BYTES = 64 * 1024;

	private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

	private final Key current;

	private final List<Key> previous;

	/** The nonces' random half, drawn again whenever their counting half wraps. */
	private volatile long noncePrefix;

	private final AtomicLong nonceCounter = new AtomicLong();

	private final SecureRandom random = new SecureRandom();

	private EntrySigner(Key current, List<Key> previous) {
		this.current = current;
		this.previous = previous;
		this.noncePrefix = this.random.nextLong();
	}

	/**
	 * Returns a signer with a secret given as text (a configured signing key).
	 * @param secret the secret
	 * @return the signer
	 */
	public static EntrySigner of(String secret) {
		return of(secret, List.of());
	}

	/**
	 * Returns a signer that seals with one secret and still verifies what earlier ones sealed, for a
	 * rotation of the secret across instances.
	 * @param secret the secret that seals
	 * @param previousSecrets earlier secrets, which only verify
	 * @return the signer
	 */
	public static EntrySigner of(String secret, List<String> previousSecrets) {
		List<Key> previous = new ArrayList<>();
		for (String earlier : previousSecrets) {
			previous.add(Key.derive(earlier.getBytes(StandardCharsets.UTF_8)));
		}
		return new EntrySigner(Key.derive(secret.getBytes(StandardCharsets.UTF_8)), List.copyOf(previous));
	}

	/**
	 * Returns a signer with a secret given as bytes.
	 * @param secret the secret
	 * @return the signer
	 */
	public static EntrySigner of(byte[] secret) {
		return new EntrySigner(Key.derive(secret), List.of());
	}

	/**
	 * Returns the seal of an entry.
	 * @param context what the entry is bound to (its store key)
	 * @param parts the entry's bytes, in order
	 * @return the {@value #SIGNATURE_BYTES}-byte seal
	 */
	public byte[] sign(byte[] context, ByteBuffer... parts) {
		byte[] seal = new byte[SIGNATURE_BYTES];
		seal[0] = FORMAT;
		System.arraycopy(this.current.id(), 0, seal, 1, KEY_ID_BYTES);
		nextNonce(seal, 1 + KEY_ID_BYTES);
		byte[] tag = tag(this.current, seal, context, parts);
		System.arraycopy(tag, 0, seal, SIGNATURE_BYTES - TAG_BYTES, TAG_BYTES);
		return seal;
	}

	/**
	 * Checks a seal against an entry.
	 * @param seal the seal read with the entry
	 * @param context what the entry is bound to
	 * @param parts the entry's bytes, in order
	 * @return what the seal says
	 */
	public Verdict check(byte[] seal, byte[] context, ByteBuffer... parts) {
		return check(seal, 0, context, parts);
	}

	/**
	 * Checks an array that starts with the seal of the rest of it, without copying either.
	 * @param signed the seal followed by the entry's bytes
	 * @param context what the entry is bound to
	 * @return what the seal says
	 */
	public Verdict checkSigned(byte[] signed, byte[] context) {
		if (signed.length < SIGNATURE_BYTES) {
			return Verdict.MISMATCH;
		}
		return check(signed, 0, context, ByteBuffer.wrap(signed, SIGNATURE_BYTES, signed.length - SIGNATURE_BYTES));
	}

	private Verdict check(byte[] seal, int offset, byte[] context, ByteBuffer... parts) {
		if (seal.length - offset < SIGNATURE_BYTES) {
			return Verdict.MISMATCH;
		}
		if (seal[offset] != FORMAT) {
			return Verdict.UNKNOWN_KEY;
		}
		Key key = keyOf(seal, offset + 1);
		if (key == null) {
			return Verdict.UNKNOWN_KEY;
		}
		byte[] header = new byte[1 + KEY_ID_BYTES + NONCE_BYTES];
		System.arraycopy(seal, offset, header, 0, header.length);
		byte[] expected = tag(key, header, context, parts);
		int difference = 0;
		for (int i = 0; i < TAG_BYTES; i++) {
			difference |= expected[i] ^ seal[offset + SIGNATURE_BYTES - TAG_BYTES + i];
		}
		return (difference == 0) ? Verdict.VALID : Verdict.MISMATCH;
	}

	private @Nullable Key keyOf(byte[] seal, int at) {
		if (this.current.identifiedBy(seal, at)) {
			return this.current;
		}
		for (Key earlier : this.previous) {
			if (earlier.identifiedBy(seal, at)) {
				return earlier;
			}
		}
		return null;
	}

	/** The GCM tag of the parts, under the nonce in {@code sealHeader}, which is authenticated too. */
	private static byte[] tag(Key key, byte[] sealHeader, byte[] context, ByteBuffer... parts) {
		Scratch scratch = SCRATCH.get();
		try {
			Cipher cipher = scratch.cipher;
			GCMParameterSpec nonce = new GCMParameterSpec(TAG_BYTES * 8, sealHeader, 1 + KEY_ID_BYTES, NONCE_BYTES);
			try {
				cipher.init(Cipher.ENCRYPT_MODE, key.aes(), nonce);
			}
			catch (InvalidAlgorithmParameterException sameNonceAsBefore) {
				// The cipher refuses the nonce it was last given (this thread verified the same entry just
				// before): given another one first, it takes it again.
				byte[] other = new byte[NONCE_BYTES];
				for (int i = 0; i < NONCE_BYTES; i++) {
					other[i] = (byte) ~sealHeader[1 + KEY_ID_BYTES + i];
				}
				cipher.init(Cipher.ENCRYPT_MODE, key.aes(), new GCMParameterSpec(TAG_BYTES * 8, other));
				cipher.init(Cipher.ENCRYPT_MODE, key.aes(), nonce);
			}
			cipher.updateAAD(sealHeader, 0, 1 + KEY_ID_BYTES);
			cipher.updateAAD(context);
			for (ByteBuffer part : parts) {
				ByteBuffer remaining = part.duplicate();
				while (remaining.hasRemaining()) {
					int length = Math.min(SCRATCH_BYTES, remaining.remaining());
					if (remaining.hasArray()) {
						cipher.update(remaining.array(), remaining.arrayOffset() + remaining.position(), length,
								scratch.output, 0);
						remaining.position(remaining.position() + length);
					}
					else {
						byte[] chunk = scratch.input;
						remaining.get(chunk, 0, length);
						cipher.update(chunk, 0, length, scratch.output, 0);
					}
				}
			}
			int last = cipher.doFinal(scratch.output, 0);
			byte[] tag = new byte[TAG_BYTES];
			System.arraycopy(scratch.output, last - TAG_BYTES, tag, 0, TAG_BYTES);
			return tag;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM failed in this JVM", ex);
		}
	}

	private void nextNonce(byte[] seal, int at) {
		long count = this.nonceCounter.incrementAndGet();
		long prefix = this.noncePrefix;
		if ((count & 0xFFFF_FFFFL) == 0) {
			// Never the same nonce twice under one key: a new random half before the counting half repeats.
			synchronized (this) {
				this.noncePrefix = this.random.nextLong();
				prefix = this.noncePrefix;
			}
		}
		for (int i = 0; i < 8; i++) {
			seal[at + i] = (byte) (prefix >>> (8 * i));
		}
		for (int i = 0; i < 4; i++) {
			seal[at + 8 + i] = (byte) (count >>> (8 * i));
		}
	}

	/** What a seal says of an entry. */
	public enum Verdict {

		/** Sealed with a known key and unchanged since. */
		VALID,

		/** Sealed with a key this signer does not know (another secret, or an earlier format). */
		UNKNOWN_KEY,

		/** Changed, or sealed by someone without the key. */
		MISMATCH

	}

	/** A secret's AES key and the id that names it in seals, both derived from it. */
	private record Key(SecretKeySpec aes, byte[] id) {

		static Key derive(byte[] secret) {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec(secret, "HmacSHA256"));
				byte[] aes = mac.doFinal("duocache entry seal key".getBytes(StandardCharsets.UTF_8));
				byte[] id = mac.doFinal("duocache entry seal key id".getBytes(StandardCharsets.UTF_8));
				byte[] shortId = new byte[KEY_ID_BYTES];
				System.arraycopy(id, 0, shortId, 0, KEY_ID_BYTES);
				return new Key(new SecretKeySpec(aes, "AES"), shortId);
			}
			catch (GeneralSecurityException ex) {
				throw new DuocacheException("HmacSHA256 is not available in this JVM", ex);
			}
		}

		boolean identifiedBy(byte[] seal, int at) {
			return this.id[0] == seal[at] && this.id[1] == seal[at + 1] && this.id[2] == seal[at + 2];
		}

	}

	/** A thread's cipher and the buffers the ciphertext it does not keep goes through. */
	private static final class Scratch {

		private final Cipher cipher;

		private final byte[] output = new byte[SCRATCH_BYTES + 2 * TAG_BYTES];

		private final byte[] input = new byte[SCRATCH_BYTES];

		Scratch() {
			try {
				this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
			}
			catch (GeneralSecurityException ex) {
				throw new DuocacheException("AES/GCM/NoPadding is not available in this JVM", ex);
			}
		}

	}

}
