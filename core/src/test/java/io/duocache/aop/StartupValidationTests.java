package io.duocache.aop;

import java.io.InputStream;
import java.util.function.Consumer;

import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import io.duocache.CacheData;
import io.duocache.CacheResource;
import io.duocache.InvalidCacheDeclarationException;
import io.duocache.Persist;
import io.duocache.Refresh;
import io.duocache.Scope;
import io.duocache.DuocacheConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class StartupValidationTests {

	@Test
	void rejectsAPrivateMethod() {
		assertStartupFails(PrivateMethod.class, (ex) -> {
			assertThat(ex.getMethodName()).isEqualTo("PrivateMethod.load");
			assertThat(ex.getMessage()).contains("private").contains("Make it public");
		});
	}

	@Test
	void rejectsAFinalMethod() {
		assertStartupFails(FinalMethod.class,
				(ex) -> assertThat(ex.getMessage()).contains("'FinalMethod.load'").contains("final"));
	}

	@Test
	void rejectsAStaticMethod() {
		assertStartupFails(StaticMethod.class,
				(ex) -> assertThat(ex.getMessage()).contains("'StaticMethod.load'").contains("static"));
	}

	@Test
	void rejectsAVoidMethod() {
		assertStartupFails(VoidMethod.class,
				(ex) -> assertThat(ex.getMessage()).contains("'VoidMethod.store'").contains("returns void"));
	}

	@Test
	void rejectsTwoMethodsThatShareACacheName() {
		assertStartupFails(SharedName.class, (ex) -> assertThat(ex.getMessage()).contains("cache name 'rides'")
			.contains("already used by 'SharedName."));
	}

	@Test
	void rejectsBackgroundRefreshWithoutATtl() {
		assertStartupFails(BackgroundWithoutTtl.class,
				(ex) -> assertThat(ex.getMessage()).contains("'BackgroundWithoutTtl.load'").contains("needs a ttl"));
	}

	@Test
	void rejectsAMalformedTtl() {
		assertStartupFails(MalformedTtl.class, (ex) -> assertThat(ex.getMessage()).contains("'MalformedTtl.load'")
			.contains("'ten minutes' is not a duration"));
	}

	@Test
	void rejectsAMalformedSize() {
		assertStartupFails(MalformedSize.class, (ex) -> assertThat(ex.getMessage()).contains("'MalformedSize.load'")
			.contains("maxSize 'lots'")
			.contains("64MB"));
	}

	@Test
	void rejectsRedisPersistenceWithoutRedis() {
		assertStartupFails(PersistToRedis.class, (ex) -> assertThat(ex.getMessage())
			.contains("persist = REDIS (from @CacheData(persist)) needs Redis")
			.contains("spring-boot-starter-data-redis"));
	}

	@Test
	void rejectsAPersistedSessionCache() {
		assertStartupFails(SessionOnDisk.class, (ex) -> assertThat(ex.getMessage()).contains("'SessionOnDisk.load'")
			.contains("scope = SESSION keeps entries in memory")
			.contains("persist = DISK from @CacheData(persist)"));
	}

	@Test
	void rejectsSessionScopeOutsideAServletWebApplication() {
		assertStartupFails(SessionScope.class, (ex) -> assertThat(ex.getMessage()).contains("'SessionScope.load'")
			.contains("scope = SESSION keeps entries per HTTP session, but this is not a servlet web application")
			.contains("scope = GLOBAL"));
	}

	@Test
	void rejectsADataReturnTypeJacksonCanNeverReadBack() {
		assertStartupFails(StreamReturn.class, (ex) -> assertThat(ex.getMessage()).contains("'StreamReturn.open'")
			.contains("java.io.InputStream")
			.contains("@CacheResource"));
	}

	@Test
	void rejectsAStreamReturnSayingToReturnAList() {
		assertStartupFails(ReturnsStream.class, (ex) -> assertThat(ex.getMessage()).contains("'ReturnsStream.rows'")
			.contains("java.util.stream.BaseStream")
			.contains("read only once")
			.contains("Return a List"));
	}

	@Test
	void rejectsAnIteratorReturnOnAResourceToo() {
		assertStartupFails(ReturnsIterator.class,
				(ex) -> assertThat(ex.getMessage()).contains("'ReturnsIterator.cursor'").contains("java.util.Iterator"));
	}

	@Test
	void rejectsAPlainIterableReturnButNotACollection() {
		assertStartupFails(ReturnsIterable.class,
				(ex) -> assertThat(ex.getMessage()).contains("'ReturnsIterable.rows'").contains("java.lang.Iterable"));
	}

	@Test
	void rejectsACachedMethodOnAFinalClassWithTheFix() {
		assertStartupFails(FinalClass.class, (ex) -> assertThat(ex.getMessage()).contains("'FinalClass.load'")
			.contains(FinalClass.class.getName() + " is final")
			.contains("Remove the final modifier from the class"));
	}

	@Test
	void rejectsAZeroEntryBound() {
		assertStartupFails(ZeroEntries.class, (ex) -> assertThat(ex.getMessage()).contains("'ZeroEntries.load'")
			.contains("maxEntries = 0 is not positive"));
	}

	@Test
	void rejectsBothAnnotationsOnOneMethod() {
		assertStartupFails(BothAnnotations.class,
				(ex) -> assertThat(ex.getMessage()).contains("both @CacheData and @CacheResource"));
	}

	private static void assertStartupFails(Class<?> beanClass, Consumer<InvalidCacheDeclarationException> check) {
		ThrowableAssert.ThrowingCallable start = () -> {
			try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
				context.register(DuocacheConfiguration.class, beanClass);
				context.refresh();
			}
		};
		assertThatException().isThrownBy(start)
			.havingRootCause()
			.isInstanceOfSatisfying(InvalidCacheDeclarationException.class, check);
	}

	static class PrivateMethod {

		@CacheData
		private String load() {
			return "";
		}

	}

	static class FinalMethod {

		@CacheData
		public final String load() {
			return "";
		}

	}

	static class StaticMethod {

		@CacheData
		public static String load() {
			return "";
		}

	}

	@CacheData
	static class VoidMethod {

		public void store(String value) {
		}

	}

	static class SharedName {

		@CacheData(name = "rides")
		public String load() {
			return "";
		}

		@CacheData(name = "rides")
		public String reload() {
			return "";
		}

	}

	static class BackgroundWithoutTtl {

		@CacheData(refresh = Refresh.BACKGROUND)
		public String load() {
			return "";
		}

	}

	static class MalformedTtl {

		@CacheData(ttl = "ten minutes")
		public String load() {
			return "";
		}

	}

	static class MalformedSize {

		@CacheData(maxSize = "lots")
		public String load() {
			return "";
		}

	}

	static class PersistToRedis {

		@CacheData(persist = Persist.REDIS)
		public String load() {
			return "";
		}

	}

	static class SessionOnDisk {

		@CacheData(scope = Scope.SESSION, persist = Persist.DISK)
		public String load() {
			return "";
		}

	}

	static class SessionScope {

		@CacheResource(scope = Scope.SESSION)
		public String load() {
			return "";
		}

	}

	static class StreamReturn {

		@CacheData
		public InputStream open() {
			return InputStream.nullInputStream();
		}

	}

	static class BothAnnotations {

		@CacheData
		@CacheResource
		public String load() {
			return "";
		}

	}

	static class ReturnsStream {

		@CacheData
		public java.util.stream.Stream<String> rows() {
			return java.util.stream.Stream.of("a");
		}

	}

	static class ReturnsIterator {

		@CacheResource
		public java.util.Iterator<String> cursor() {
			return java.util.List.of("a").iterator();
		}

	}

	static class ReturnsIterable {

		@CacheData
		public Iterable<String> rows() {
			return java.util.List.of("a");
		}

	}

	static final class FinalClass {

		@CacheData
		public String load() {
			return "";
		}

	}

	static class ZeroEntries {

		@CacheData(maxEntries = 0)
		public String load() {
			return "";
		}

	}

}
