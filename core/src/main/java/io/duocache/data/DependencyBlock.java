package io.duocache.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a stored entry of a cache that invalidates on entity changes depends on, written in front of
 * its Smile bytes: the change log it was computed against (an instance's own, by its epoch, or
 * {@code 0} for the store's shared one) and its position then ({@code -1}: unknown), and the
 * identifiers it read by entity name ({@code -1} of them: the whole type). A Smile document never
 * starts with the block's first byte.
 *
 * @param epoch the run whose own log the position is in, or {@code 0} for the store's shared log
 * @param position the log's position when the value's computation started, {@code -1} when unknown
 * @param ids the identifiers by entity name, {@code null} for a whole type
 * @param length the block's length, where the Smile bytes start
 */
record DependencyBlock(long epoch, long position, Map<String, @Nullable Set<String>> ids, int length) {

	private static final int MAGIC = 0x00445031;

	static byte[] write(long epoch, long position, Map<String, @Nullable Set<String>> ids, byte[] smile) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + smile.length);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeInt(MAGIC);
			out.writeLong(epoch);
			out.writeLong(position);
			out.writeInt(ids.size());
			for (Map.Entry<String, @Nullable Set<String>> type : ids.entrySet()) {
				out.writeUTF(type.getKey());
				Set<String> ofType = type.getValue();
				out.writeInt((ofType != null) ? ofType.size() : -1);
				if (ofType != null) {
					for (String id : ofType) {
						out.writeUTF(id);
					}
				}
			}
			out.write(smile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/** The block of a value whose dependencies are unknown, which every reader takes for a miss. */
	static byte[] unknown(byte[] smile) {
		return write(0, -1, Map.of(), smile);
	}

	/** Reads the block in front of stored bytes; {@code null} for bytes without one, or a damaged one. */
	static @Nullable DependencyBlock read(byte[] stored) {
		if (stored.length < 24 || stored[0] != 0) {
			return null;
		}
		try {
			CountingInput counting = new CountingInput(stored);
			DataInputStream in = new DataInputStream(counting);
			if (in.readInt() != MAGIC) {
				return null;
			}
			long epoch = in.readLong();
			long position = in.readLong();
			int types = in.readInt();
			Map<String, @Nullable Set<String>> ids = new HashMap<>();
			for (int type = 0; type < types; type++) {
				String name = in.readUTF();
				int count = in.readInt();
				Set<String> ofType = (count < 0) ? null : new HashSet<>(count * 2);
				for (int i = 0; i < count; i++) {
					ofType.add(in.readUTF());
				}
				ids.put(name, ofType);
			}
			return new DependencyBlock(epoch, position, ids, counting.position());
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/** Returns the Smile bytes that follow the block. */
	byte[] smile(byte[] stored) {
		return Arrays.copyOfRange(stored, this.length, stored.length);
	}

	/** An input over the stored bytes that says how far it has read. */
	private static final class CountingInput extends ByteArrayInputStream {

		CountingInput(byte[] bytes) {
			super(bytes);
		}

		int position() {
			return this.pos;
		}

	}

}
