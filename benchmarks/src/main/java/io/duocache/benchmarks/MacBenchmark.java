package io.duocache.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.duocache.store.EntrySigner;

/**
 * The candidates for the MAC over stored entries, on entries of 0.5 KB, 1 MB and 64 MB: HMAC-SHA256
 * (what entries were signed with), AES-GMAC (AES-GCM over the entry as additional data, a fresh
 * nonce per entry), Poly1305 through ChaCha20-Poly1305 the same way, and the signer Duocache uses
 * now; AES-GCM and ChaCha20-Poly1305 encrypting the entry, what encryption at rest costs; and a plain
 * copy of the bytes, the memory floor.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class MacBenchmark {

	@Param({ "512", "1048576", "67108864" })
	public int bytes;

	private byte[] entry;

	private byte[] copy;

	private byte[] output;

	private Mac hmac;

	private Cipher gcm;

	private Cipher chacha;

	private SecretKeySpec aesKey;

	private SecretKeySpec chachaKey;

	private EntrySigner signer;

	private final byte[] context = "duocache:cache:1:{0123456789abcdef0123456789abcdef}".getBytes(StandardCharsets.UTF_8);

	private long nonce;

	@Setup(Level.Trial)
	public void setUp() throws GeneralSecurityException {
		this.entry = new byte[this.bytes];
		new Random(42).nextBytes(this.entry);
		this.copy = new byte[this.bytes];
		this.output = new byte[this.bytes + 16];
		byte[] secret = new byte[32];
		new Random(7).nextBytes(secret);
		this.hmac = Mac.getInstance("HmacSHA256");
		this.hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
		this.aesKey = new SecretKeySpec(secret, "AES");
		this.chachaKey = new SecretKeySpec(secret, "ChaCha20");
		this.gcm = Cipher.getInstance("AES/GCM/NoPadding");
		this.chacha = Cipher.getInstance("ChaCha20-Poly1305");
		this.signer = EntrySigner.of(new String(secret, StandardCharsets.ISO_8859_1) + "-benchmark-secret-padding");
	}

	private byte[] nextNonce() {
		byte[] iv = new byte[12];
		long n = ++this.nonce;
		for (int i = 0; i < 8; i++) {
			iv[i] = (byte) (n >>> (8 * i));
		}
		return iv;
	}

	@Benchmark
	public byte[] hmacSha256() {
		this.hmac.update(this.context);
		this.hmac.update(this.entry);
		return this.hmac.doFinal();
	}

	@Benchmark
	public byte[] aesGmac() throws GeneralSecurityException {
		this.gcm.init(Cipher.ENCRYPT_MODE, this.aesKey, new GCMParameterSpec(128, nextNonce()));
		this.gcm.updateAAD(this.context);
		this.gcm.updateAAD(this.entry);
		return this.gcm.doFinal();
	}

	@Benchmark
	public byte[] poly1305() throws GeneralSecurityException {
		this.chacha.init(Cipher.ENCRYPT_MODE, this.chachaKey, new IvParameterSpec(nextNonce()));
		this.chacha.updateAAD(this.context);
		this.chacha.updateAAD(this.entry);
		return this.chacha.doFinal();
	}

	@Benchmark
	public int aesGcmEncrypt() throws GeneralSecurityException {
		this.gcm.init(Cipher.ENCRYPT_MODE, this.aesKey, new GCMParameterSpec(128, nextNonce()));
		this.gcm.updateAAD(this.context);
		return this.gcm.doFinal(this.entry, 0, this.entry.length, this.output, 0);
	}

	@Benchmark
	public int chacha20Poly1305Encrypt() throws GeneralSecurityException {
		this.chacha.init(Cipher.ENCRYPT_MODE, this.chachaKey, new IvParameterSpec(nextNonce()));
		this.chacha.updateAAD(this.context);
		return this.chacha.doFinal(this.entry, 0, this.entry.length, this.output, 0);
	}

	@Benchmark
	public byte[] entrySigner() {
		return this.signer.sign(this.context, java.nio.ByteBuffer.wrap(this.entry));
	}

	@Benchmark
	public byte[] memoryCopy() {
		System.arraycopy(this.entry, 0, this.copy, 0, this.bytes);
		return this.copy;
	}

}
