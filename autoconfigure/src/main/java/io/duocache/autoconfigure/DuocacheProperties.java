package io.duocache.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

import io.duocache.DuocacheConfiguration;
import io.duocache.Persist;

/**
 * Configuration properties for Duocache. Bounds are checked as they are bound: a ttl, an entry
 * bound or a byte budget must be positive, so an out-of-range value fails startup with Spring Boot's
 * report naming the property.
 */
@ConfigurationProperties("duocache")
public class DuocacheProperties {

	/**
	 * Whether Duocache caches annotated methods; when false, they run on every call.
	 */
	private boolean enabled = true;

	/**
	 * Order of Duocache's advisor among a bean's other advisors. The default runs it inside Spring
	 * Security's method security and outside the transaction interceptor; a bean where an
	 * authorization interceptor would run inside it fails startup.
	 */
	private int order = DuocacheConfiguration.DEFAULT_ORDER;

	/**
	 * Defaults for every @CacheData cache.
	 */
	private final Data data = new Data();

	/**
	 * Defaults for every @CacheResource cache.
	 */
	private final Resource resource = new Resource();

	/**
	 * Settings per cache name (explicit names, or "[SimpleClassName.methodName]" for default names):
	 * ttl, max-entries and max-size; they win over annotation attributes.
	 */
	private final Map<String, Cache> caches = new LinkedHashMap<>();

	/**
	 * The disk store of caches that persist to DISK.
	 */
	private final Disk persist = new Disk();

	/**
	 * The Redis store of caches that persist to REDIS (connection: spring.data.redis.*).
	 */
	private final Redis redis = new Redis();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
	}

	public Data getData() {
		return this.data;
	}

	public Resource getResource() {
		return this.resource;
	}

	public Map<String, Cache> getCaches() {
		return this.caches;
	}

	public Disk getPersist() {
		return this.persist;
	}

	public Redis getRedis() {
		return this.redis;
	}

	/**
	 * Defaults for every @CacheData cache.
	 */
	public static class Data {

		/**
		 * How long an entry lives after it was written; plain numbers are seconds. Unset means no
		 * expiry.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration ttl;

		/**
		 * Maximum number of entries per cache. Unset means unbounded.
		 */
		private @Nullable Long maxEntries;

		/**
		 * Byte budget of the stored copies per cache, such as 64MB. Unset means none.
		 */
		private @Nullable DataSize maxSize;

		/**
		 * Where @CacheData(persist = DEFAULT) caches keep entries besides memory.
		 */
		private Persist persist = Persist.NONE;

		/**
		 * Whether data caches record the JPA entities their values depend on and invalidate an entry
		 * when a committed change (Hibernate's update, delete or insert) reaches one of them.
		 */
		private boolean invalidateOnEntityChange;

		public @Nullable Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(@Nullable Duration ttl) {
			this.ttl = Bounds.ttl(ttl);
		}

		public @Nullable Long getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(@Nullable Long maxEntries) {
			this.maxEntries = Bounds.maxEntries(maxEntries);
		}

		public @Nullable DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(@Nullable DataSize maxSize) {
			this.maxSize = Bounds.maxSize(maxSize);
		}

		public Persist getPersist() {
			return this.persist;
		}

		public void setPersist(Persist persist) {
			this.persist = persist;
		}

		public boolean isInvalidateOnEntityChange() {
			return this.invalidateOnEntityChange;
		}

		public void setInvalidateOnEntityChange(boolean invalidateOnEntityChange) {
			this.invalidateOnEntityChange = invalidateOnEntityChange;
		}

	}

	/**
	 * Defaults for every @CacheResource cache.
	 */
	public static class Resource {

		/**
		 * How long a resource lives after it was created; plain numbers are seconds. Unset means no
		 * expiry.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration ttl;

		/**
		 * Maximum number of resources per cache. Unset means unbounded.
		 */
		private @Nullable Long maxEntries;

		public @Nullable Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(@Nullable Duration ttl) {
			this.ttl = Bounds.ttl(ttl);
		}

		public @Nullable Long getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(@Nullable Long maxEntries) {
			this.maxEntries = Bounds.maxEntries(maxEntries);
		}

	}

	/**
	 * Settings of one cache.
	 */
	public static class Cache {

		/**
		 * How long an entry lives after it was written; plain numbers are seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration ttl;

		/**
		 * Maximum number of entries.
		 */
		private @Nullable Long maxEntries;

		/**
		 * Byte budget of the stored copies (data caches only), such as 64MB.
		 */
		private @Nullable DataSize maxSize;

		/**
		 * Where this data cache keeps entries besides memory: none, disk or redis.
		 */
		private @Nullable Persist persist;

		/**
		 * Whether this data cache invalidates an entry when a committed change reaches a JPA entity its
		 * value depends on; unset follows duocache.data.invalidate-on-entity-change.
		 */
		private @Nullable Boolean invalidateOnEntityChange;

		public @Nullable Persist getPersist() {
			return this.persist;
		}

		public void setPersist(@Nullable Persist persist) {
			this.persist = persist;
		}

		public @Nullable Boolean getInvalidateOnEntityChange() {
			return this.invalidateOnEntityChange;
		}

		public void setInvalidateOnEntityChange(@Nullable Boolean invalidateOnEntityChange) {
			this.invalidateOnEntityChange = invalidateOnEntityChange;
		}

		public @Nullable Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(@Nullable Duration ttl) {
			this.ttl = Bounds.ttl(ttl);
		}

		public @Nullable Long getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(@Nullable Long maxEntries) {
			this.maxEntries = Bounds.maxEntries(maxEntries);
		}

		public @Nullable DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(@Nullable DataSize maxSize) {
			this.maxSize = Bounds.maxSize(maxSize);
		}

	}

	/**
	 * The disk store.
	 */
	public static class Disk {

		/**
		 * Folder of the disk store, one sub-folder per cache; created readable by this user only if
		 * missing, refused if another user owns it.
		 */
		private Path directory = Path.of(System.getProperty("java.io.tmpdir"), "duocache");

		/**
		 * Bound of the whole folder; the oldest entries go first.
		 */
		private DataSize maxSize = DataSize.ofGigabytes(1);

		/**
		 * How often expired entries and leftovers of interrupted writes are deleted.
		 */
		private Duration sweepInterval = Duration.ofMinutes(1);

		public Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(Path directory) {
			this.directory = directory;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = Bounds.maxSize(maxSize);
		}

		public Duration getSweepInterval() {
			return this.sweepInterval;
		}

		public void setSweepInterval(Duration sweepInterval) {
			this.sweepInterval = Bounds.ttl(sweepInterval);
		}

	}

	/**
	 * The Redis store.
	 */
	public static class Redis {

		/**
		 * Prefix of every Redis key Duocache writes.
		 */
		private String keyPrefix = "duocache:";

		/**
		 * Secret of at least 32 characters, the same on every instance, that signs every entry;
		 * required when a cache persists to REDIS, and used for DISK entries too where set.
		 */
		private @Nullable String signingKey;

		/**
		 * Signing keys the instances used before the current one, which still verify the entries
		 * they signed while a rotation rolls out; an entry of a key no instance here knows is a miss.
		 */
		private List<String> previousSigningKeys = new ArrayList<>();

		/**
		 * Bound of every Redis operation on the call path, whatever spring.data.redis.timeout says.
		 */
		private Duration timeout = Duration.ofMillis(250);

		/**
		 * How long a memory copy of a Redis entry lives at most: the bound on staleness if an
		 * invalidation message is lost.
		 */
		private Duration localTtl = Duration.ofSeconds(30);

		/**
		 * Redis expiry of the entries of caches without a ttl.
		 */
		private Duration maxTtl = Duration.ofHours(24);

		/**
		 * Entries larger than this stay in memory only.
		 */
		private DataSize maxValueSize = DataSize.ofMegabytes(16);

		/**
		 * How long one instance may compute a missing key, renewed while it runs, before another
		 * instance may take over.
		 */
		private Duration lease = Duration.ofSeconds(10);

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public @Nullable String getSigningKey() {
			return this.signingKey;
		}

		public void setSigningKey(@Nullable String signingKey) {
			this.signingKey = signingKey;
		}

		public List<String> getPreviousSigningKeys() {
			return this.previousSigningKeys;
		}

		public void setPreviousSigningKeys(List<String> previousSigningKeys) {
			this.previousSigningKeys = previousSigningKeys;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = Bounds.ttl(timeout);
		}

		public Duration getLocalTtl() {
			return this.localTtl;
		}

		public void setLocalTtl(Duration localTtl) {
			this.localTtl = Bounds.ttl(localTtl);
		}

		public Duration getMaxTtl() {
			return this.maxTtl;
		}

		public void setMaxTtl(Duration maxTtl) {
			this.maxTtl = Bounds.ttl(maxTtl);
		}

		public DataSize getMaxValueSize() {
			return this.maxValueSize;
		}

		public void setMaxValueSize(DataSize maxValueSize) {
			this.maxValueSize = Bounds.maxSize(maxValueSize);
		}

		public Duration getLease() {
			return this.lease;
		}

		public void setLease(Duration lease) {
			this.lease = Bounds.ttl(lease);
		}

	}

}
