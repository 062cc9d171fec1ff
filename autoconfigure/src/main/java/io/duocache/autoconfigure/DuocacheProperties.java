package io.duocache.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

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

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
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

		public @Nullable Persist getPersist() {
			return this.persist;
		}

		public void setPersist(@Nullable Persist persist) {
			this.persist = persist;
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
		 * Folder of the disk store, one sub-folder per cache; created if missing.
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

}
