package io.duocache.security.misordered;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.duocache.InvalidCacheDeclarationException;
import io.duocache.security.payroll.PayrollApplication;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Startup fails where a cache could answer for methods its security refuses. */
class StartupCheckTests {

	@Test
	void failsWhenDuocachesAdvisorWouldRunOutsideTheAuthorizationInterceptors() {
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> run(PayrollApplication.class, "duocache.order=0"))
			.havingRootCause()
			.isInstanceOf(InvalidCacheDeclarationException.class)
			.withMessageMatching("Invalid cache declaration on '(\\w+)\\.\\w+': its cache would answer before the "
					+ "authorization interceptor \\w+ \\(order \\d+\\) of bean '\\w+', so a cached value could reach "
					+ "a caller that the method's security refuses\\. .*")
			.withMessageContaining("duocache.order, now 0; by default 2147483547");
	}

	@Test
	void refusesAPostFilteredResource() {
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> run(KeyringApplication.class))
			.havingRootCause()
			.isInstanceOf(InvalidCacheDeclarationException.class)
			.withMessage("Invalid cache declaration on 'Keyring.keys': it is a @CacheResource method with "
					+ "@PostFilter, which filters the one instance that every caller shares in place. Use "
					+ "@CacheData, whose callers each get their own copy to filter, or filter in the method's "
					+ "callers.");
	}

	private static void run(Class<?> application, String... properties) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.properties("spring.main.web-application-type=none")
			.properties(properties)
			.run()) {
			// started: the assertion reports it
		}
	}

}
