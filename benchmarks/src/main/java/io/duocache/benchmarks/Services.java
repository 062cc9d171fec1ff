package io.duocache.benchmarks;

import java.math.BigDecimal;
import java.time.Instant;

import org.springframework.cache.annotation.Cacheable;

import io.duocache.CacheData;
import io.duocache.Persist;
import io.duocache.CacheResource;

/**
 * The cached methods the benchmarks call through their Spring proxies.
 */
final class Services {

	private Services() {
	}

	/** What every method returns for resources: one shared object per key. */
	static final Object RESOURCE = new Object();

	static class Resources {

		@CacheResource
		public Object none() {
			return RESOURCE;
		}

		@CacheResource
		public Object string(String key) {
			return RESOURCE;
		}

		@CacheResource
		public Object stringIntLong(String key, int hour, long since) {
			return RESOURCE;
		}

		@CacheResource
		public Object record(Payloads.Query query) {
			return RESOURCE;
		}

	}

	static class SpringCached {

		@Cacheable("none")
		public Object none() {
			return RESOURCE;
		}

		@Cacheable("string")
		public Object string(String key) {
			return RESOURCE;
		}

		@Cacheable("stringIntLong")
		public Object stringIntLong(String key, int hour, long since) {
			return RESOURCE;
		}

		@Cacheable("record")
		public Object record(Payloads.Query query) {
			return RESOURCE;
		}

	}

	static class Data {

		@CacheData
		public Payloads.Person person(int id) {
			return Payloads.person(id);
		}

		@CacheData
		public Payloads.Team team(int id) {
			return Payloads.team(id);
		}

		@CacheData
		public Payloads.Series series(int id) {
			return Payloads.series(id);
		}

		@CacheData
		public String text(int id) {
			return "An immutable value number " + id + " that is returned without a copy";
		}

		@CacheData
		public Payloads.Quote quote(int id) {
			return new Payloads.Quote("SYM" + id, BigDecimal.valueOf(id, 2), Instant.ofEpochSecond(id));
		}

		@CacheData
		public Payloads.Table table(int rows) {
			return Payloads.table(rows);
		}

	}

	/** The data methods again, kept on disk as well. */
	static class DiskData {

		@CacheData(persist = Persist.DISK)
		public Payloads.Person person(int id) {
			return Payloads.person(id);
		}

		@CacheData(persist = Persist.DISK)
		public Payloads.Series series(int id) {
			return Payloads.series(id);
		}

		@CacheData(persist = Persist.DISK)
		public Payloads.Table table(int rows) {
			return Payloads.table(rows);
		}

	}

	/** Data methods kept in Redis, and the same kept in memory only. */
	static class RedisData {

		@CacheData(persist = Persist.REDIS)
		public Payloads.Person person(int id) {
			return Payloads.person(id);
		}

		@CacheData(persist = Persist.REDIS)
		public Payloads.Team list(int id) {
			return Payloads.people(id);
		}

		@CacheData
		public Payloads.Person personInMemory(int id) {
			return Payloads.person(id);
		}

		@CacheData
		public Payloads.Team listInMemory(int id) {
			return Payloads.people(id);
		}

	}

}
