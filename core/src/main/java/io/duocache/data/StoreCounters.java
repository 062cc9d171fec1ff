package io.duocache.data;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Exact counts of what one data cache asked of the store behind memory: reads that found an entry
 * or not, and failures by operation (corrupt entries count as failed reads).
 */
public final class StoreCounters {

	/** Reading an entry, or finding that it does not read back. */
	public static final String READ = "read";

	/** Writing an entry. */
	public static final String WRITE = "write";

	/** Removing one entry. */
	public static final String REMOVE = "remove";

	/** Removing every entry of the cache. */
	public static final String CLEAR = "clear";

	/** An entry too large for the store, kept in memory only. */
	public static final String TOO_LARGE = "too-large";

	/** Every operation, in the order meters list them. */
	public static final List<String> OPERATIONS = List.of(READ, WRITE, REMOVE, CLEAR, TOO_LARGE);

	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private final LongAdder unknownKeys = new LongAdder();

	private final Map<String, LongAdder> errors = Map.of(READ, new LongAdder(), WRITE, new LongAdder(), REMOVE,
			new LongAdder(), CLEAR, new LongAdder(), TOO_LARGE, new LongAdder());

	void hit() {
		this.hits.increment();
	}

	void miss() {
		this.misses.increment();
	}

	void unknownKey() {
		this.unknownKeys.increment();
	}

	/**
	 * Returns the entries read as misses because they were sealed with a signing key this instance
	 * does not know (another instance's newer key during a rotation, or an earlier format).
	 * @return the count
	 */
	public long unknownKeys() {
		return this.unknownKeys.sum();
	}

	void error(String operation) {
		this.errors.get(operation).increment();
	}

	/**
	 * Returns the reads after a memory miss that found an entry.
	 * @return the hit count
	 */
	public long hits() {
		return this.hits.sum();
	}

	/**
	 * Returns the reads after a memory miss that found none.
	 * @return the miss count
	 */
	public long misses() {
		return this.misses.sum();
	}

	/**
	 * Returns the failures of one operation.
	 * @param operation one of {@link #OPERATIONS}
	 * @return the failure count
	 */
	public long errors(String operation) {
		return this.errors.get(operation).sum();
	}

	/**
	 * Returns the failures of every operation.
	 * @return the failure count
	 */
	public long errors() {
		return this.errors.values().stream().mapToLong(LongAdder::sum).sum();
	}

}
