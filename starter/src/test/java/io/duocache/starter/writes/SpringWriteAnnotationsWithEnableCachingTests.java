package io.duocache.starter.writes;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same application with {@code @EnableCaching} and Spring Boot's own cache manager: the writes
 * still reach Duocache's caches, and Spring's manager never gets a cache of their names.
 */
@SpringBootTest(classes = { ShopApplication.class, SpringWriteAnnotationsWithEnableCachingTests.CachingEnabled.class },
		properties = { "spring.main.web-application-type=none",
				"spring.jpa.properties.hibernate.generate_statistics=true" })
class SpringWriteAnnotationsWithEnableCachingTests extends SpringWriteAnnotationsTests {

	@Autowired
	CacheManager applicationCacheManager;

	@Test
	void theApplicationsCacheManagerGetsNoCacheOfADuocacheName() {
		this.customers.findById(this.alice);
		this.service.rename(this.alice, "Alicia");
		this.service.save(new Customer("erin", "Oslo"));
		this.service.touch("Rome", "alice");
		assertThat(this.applicationCacheManager.getCacheNames()).doesNotContain("customers", "byCity",
				"byCityAndName");
		assertThat(this.customers.findById(this.alice)).get().extracting(Customer::getName).isEqualTo("Alicia");
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingEnabled {

	}

}
