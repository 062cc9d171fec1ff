package io.duocache.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seals of stored entries: what verifies, what is tampering, and what is only a key this signer
 * does not know (another secret, an earlier one it was told about, the earlier HMAC-SHA256 format).
 */
class EntrySignerTests {

	private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";

	private static final String OTHER = "another-secret-of-at-least-thirty-two-chars";

	private static final byte[] CONTEXT = "duocache:rides:1:{00ff}".getBytes(StandardCharsets.UTF_8);

	private final EntrySigner signer = EntrySigner.of(SECRET);

	private final byte[] entry = entry(200_000);

	@Test
	void anUnchangedEntryVerifiesEvenTwiceInARowOnOneThread() {
		byte[] seal = this.signer.sign(CONTEXT, ByteBuffer.wrap(this.entry));
		assertThat(seal).hasSize(EntrySigner.SIGNATURE_BYTES);
		assertThat(this.signer.check(seal, CONTEXT, ByteBuffer.wrap(this.entry))).isEqualTo(EntrySigner.Verdict.VALID);
		assertThat(this.signer.check(seal, CONTEXT, ByteBuffer.wrap(this.entry))).isEqualTo(EntrySigner.Verdict.VALID);
	}

	@Test
	void everySealHasAFreshNonce() {
		assertThat(this.signer.sign(CONTEXT, ByteBuffer.wrap(this.entry)))
			.isNotEqualTo(this.signer.sign(CONTEXT, ByteBuffer.wrap(this.entry)));
	}

	@Test
	void aChangedByteTheContextOrTheSealItselfIsTampering() {
		byte[] seal = this.signer.sign(CONTEXT, ByteBuffer.wrap(this.entry));
		byte[] changed = this.entry.clone();
		changed[123_456] ^= 1;
		assertThat(this.signer.check(seal, CONTEXT, ByteBuffer.wrap(changed))).isEqualTo(EntrySigner.Verdict.MISMATCH);
		assertThat(this.signer.check(seal, "duocache:rides:1:{00fe}".getBytes(StandardCharsets.UTF_8),
				ByteBuffer.wrap(this.entry))).isEqualTo(EntrySigner.Verdict.MISMATCH);
		byte[] otherNonce = seal.clone();
		otherNonce[6] ^= 1;
		assertThat(this.signer.check(otherNonce, CONTEXT, ByteBuffer.wrap(this.entry)))
			.isEqualTo(EntrySigner.Verdict.MISMATCH);
	}

	@Test
	void aSplitEntryVerifiesAsAWholeOne() {
		byte[] seal = this.signer.sign(CONTEXT, ByteBuffer.wrap(this.entry, 0, 70_001),
				ByteBuffer.wrap(this.entry, 70_001, this.entry.length - 70_001));
		assertThat(this.signer.check(seal, CONTEXT, ByteBuffer.wrap(this.entry))).isEqualTo(EntrySigner.Verdict.VALID);
		ByteBuffer direct = ByteBuffer.allocateDirect(this.entry.length).put(this.entry).flip();
		assertThat(this.signer.check(seal, CONTEXT, direct)).isEqualTo(EntrySigner.Verdict.VALID);
	}

	@Test
	void anotherSecretsSealIsAnUnknownKeyUnlessItIsAPreviousOne() {
		byte[] sealedBefore = EntrySigner.of(OTHER).sign(CONTEXT, ByteBuffer.wrap(this.entry));
		assertThat(this.signer.check(sealedBefore, CONTEXT, ByteBuffer.wrap(this.entry)))
			.isEqualTo(EntrySigner.Verdict.UNKNOWN_KEY);
		EntrySigner rotated = EntrySigner.of(SECRET, List.of(OTHER));
		assertThat(rotated.check(sealedBefore, CONTEXT, ByteBuffer.wrap(this.entry)))
			.isEqualTo(EntrySigner.Verdict.VALID);
		assertThat(this.signer.check(rotated.sign(CONTEXT, ByteBuffer.wrap(this.entry)), CONTEXT,
				ByteBuffer.wrap(this.entry))).as("what the rotated signer seals, with its current secret")
			.isEqualTo(EntrySigner.Verdict.VALID);
	}

	@Test
	void anEntryOfTheEarlierHmacFormatIsAnUnknownKey() throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		mac.update(CONTEXT);
		byte[] hmac = mac.doFinal(this.entry);
		hmac[0] = 0x7f;
		assertThat(this.signer.check(hmac, CONTEXT, ByteBuffer.wrap(this.entry)))
			.isEqualTo(EntrySigner.Verdict.UNKNOWN_KEY);
	}

	@Test
	void aSignedArrayIsCheckedInPlace() {
		byte[] seal = this.signer.sign(CONTEXT, ByteBuffer.wrap(this.entry));
		byte[] signed = new byte[seal.length + this.entry.length];
		System.arraycopy(seal, 0, signed, 0, seal.length);
		System.arraycopy(this.entry, 0, signed, seal.length, this.entry.length);
		assertThat(this.signer.checkSigned(signed, CONTEXT)).isEqualTo(EntrySigner.Verdict.VALID);
		signed[signed.length - 1] ^= 1;
		assertThat(this.signer.checkSigned(signed, CONTEXT)).isEqualTo(EntrySigner.Verdict.MISMATCH);
		assertThat(this.signer.checkSigned(new byte[3], CONTEXT)).isEqualTo(EntrySigner.Verdict.MISMATCH);
	}

	private static byte[] entry(int length) {
		byte[] bytes = new byte[length];
		new Random(11).nextBytes(bytes);
		return bytes;
	}

}
