package io.duocache.store.redis;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The newest version of each recently removed entry this instance has seen (its own removals, those
 * it hears of, its reads), so that an entry Redis kept from before a removal that a failover lost is
 * recognised: its version is older. Bounded; an entry forgotten here is protected as before, by the
 * invalidation every instance heard.
 */
final class RedisVersions {

	private final Cache<String, Long> newest;

	RedisVersions(Duration kept) {
		this.newest = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(kept).build();
	}

	/**
	 * Returns the newest version seen of an entry, 0 when none is remembered.
	 * @param entry the entry's {@link RedisLayout#local local name}
	 */
	long newest(String entry) {
		Long version = this.newest.getIfPresent(entry);
		return (version != null) ? version : 0;
	}

	/**
	 * Remembers a version of an entry that a removal made (only those matter: others are 0).
	 * @param entry the entry's {@link RedisLayout#local local name}
	 */
	void saw(String entry, long version) {
		if (version > 0) {
			this.newest.asMap().merge(entry, version, Math::max);
		}
	}

}
