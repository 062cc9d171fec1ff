package io.duocache.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import io.duocache.store.EntryFormat;
import io.duocache.store.EntrySigner;

/**
 * Rewrites disk entry files by hand, as someone without the signing key could.
 */
public final class EntryFiles {

	private EntryFiles() {
	}

	/** Returns an entry file with another payload, its header and checksum made right, its signature kept. */
	public static byte[] rewritten(byte[] file, byte[] payload) {
		ByteBuffer original = ByteBuffer.wrap(file);
		byte[] header = Arrays.copyOf(file, EntryFormat.HEADER_BYTES);
		ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(40, payload.length);
		ByteBuffer trailer = EntryFormat.trailer(ByteBuffer.wrap(header), payload);
		byte[] signature = new byte[EntrySigner.SIGNATURE_BYTES];
		original.get(file.length - signature.length, signature);
		ByteBuffer out = ByteBuffer.allocate(header.length + payload.length + EntryFormat.TRAILER_BYTES + signature.length);
		out.put(header).put(payload).put(trailer).put(signature);
		EntryFormat.verify(ByteBuffer.wrap(header), payload, out.slice(header.length + payload.length,
				EntryFormat.TRAILER_BYTES));
		return out.array();
	}

}
