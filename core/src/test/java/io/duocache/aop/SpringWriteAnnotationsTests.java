package io.duocache.aop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.duocache.CacheData;
import io.duocache.CacheResource;
import io.duocache.DuocacheConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's write annotations in a plain Spring application: a write naming a Duocache cache and a
 * cache of the application's own manager reaches each where it belongs, and a write that names no
 * cache anyone carries out is a startup warning.
 */
class SpringWriteAnnotationsTests {

	private final List<AnnotationConfigApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void close() {
		this.contexts.forEach(AnnotationConfigApplicationContext::close);
	}

	@Test
	void aWriteNamingADuocacheCacheAndASpringCacheReachesEachWhereItBelongs() {
		AnnotationConfigApplicationContext context = start(WithEnableCaching.class);
		Prices prices = context.getBean(Prices.class);
		prices.price("tea");
		prices.label("tea");
		prices.forget("tea");
		prices.price("tea");
		prices.label("tea");
		assertThat(prices.priced()).as("the Duocache entry went").isEqualTo(2);
		assertThat(prices.labelled()).as("the Spring entry went").isEqualTo(2);
		assertThat(context.getBean(CacheManager.class).getCacheNames()).containsExactly("labels");
	}

	@Test
	void aPutOnAResourceCacheStoresTheInstanceAndReleasesTheOneItReplaces() {
		Prices prices = start(WithoutEnableCaching.class).getBean(Prices.class);
		Connection first = prices.connection("eu");
		Connection replacement = prices.reconnect("eu");
		assertThat(first.isClosed()).as("the replaced instance was released").isTrue();
		assertThat(prices.connection("eu")).isSameAs(replacement);
		assertThat(replacement.isClosed()).isFalse();
	}

	@Test
	void warnsOfAWriteThatNamesNoCacheAnyoneCarriesOut() {
		Logger logger = (Logger) LoggerFactory.getLogger(DuocacheBeanPostProcessor.class);
		ListAppender<ILoggingEvent> warnings = new ListAppender<>();
		warnings.start();
		logger.addAppender(warnings);
		try {
			start(WithoutEnableCaching.class);
		}
		finally {
			logger.detachAppender(warnings);
		}
		assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("@CacheEvict on 'Prices.forget' names cache 'labels', which no @CacheData or "
					+ "@CacheResource method declares, and the application has no @EnableCaching: nothing writes to "
					+ "it. The caches Duocache knows: [connections, prices].");
	}

	private AnnotationConfigApplicationContext start(Class<?> configuration) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		this.contexts.add(context);
		context.register(configuration, Prices.class);
		context.refresh();
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	@Import(DuocacheConfiguration.class)
	static class WithEnableCaching {

		@Bean
		CacheManager cacheManager() {
			return new ConcurrentMapCacheManager();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(DuocacheConfiguration.class)
	static class WithoutEnableCaching {

	}

	static final class Connection implements AutoCloseable {

		private volatile boolean closed;

		boolean isClosed() {
			return this.closed;
		}

		@Override
		public void close() {
			this.closed = true;
		}

	}

	static class Prices {

		private final AtomicInteger priced = new AtomicInteger();

		private final AtomicInteger labelled = new AtomicInteger();

		@CacheData(name = "prices")
		public List<String> price(String item) {
			this.priced.incrementAndGet();
			return new ArrayList<>(List.of(item + ": 2"));
		}

		@Cacheable("labels")
		public String label(String item) {
			this.labelled.incrementAndGet();
			return item.toUpperCase();
		}

		@CacheEvict(cacheNames = { "prices", "labels" })
		public void forget(String item) {
		}

		@CacheResource(name = "connections")
		public Connection connection(String region) {
			return new Connection();
		}

		@CachePut(cacheNames = "connections", key = "#region")
		public Connection reconnect(String region) {
			return new Connection();
		}

		public int priced() {
			return this.priced.get();
		}

		public int labelled() {
			return this.labelled.get();
		}

	}

}
