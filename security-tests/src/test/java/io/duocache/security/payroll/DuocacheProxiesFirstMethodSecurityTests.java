package io.duocache.security.payroll;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import io.duocache.aop.DuocacheBeanPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The other order of proxy creation: Duocache proxies each cached bean before the auto-proxy creator
 * that applies method security and transactions wraps that proxy in its own.
 */
@SpringBootTest(classes = { PayrollApplication.class, DuocacheProxiesFirstMethodSecurityTests.DuocacheFirst.class },
		properties = "spring.main.web-application-type=none")
class DuocacheProxiesFirstMethodSecurityTests extends SecuredCachesContract {

	@Test
	void duocachesProxyIsInsideTheSecuredOne() {
		Object inner = AopProxyUtils.getSingletonTarget(this.payroll);
		assertThat(inner).isInstanceOf(Advised.class);
		assertThat(Arrays.stream(((Advised) inner).getAdvisors()).map((advisor) -> advisor.getAdvice().getClass()
			.getSimpleName())).containsExactly("DuocacheInterceptor");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class DuocacheFirst {

		@Bean
		static DuocacheBeanPostProcessor duocacheBeanPostProcessor() {
			DuocacheBeanPostProcessor postProcessor = new DuocacheBeanPostProcessor();
			postProcessor.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return postProcessor;
		}

		@Bean
		static BeanFactoryPostProcessor autoProxyCreatorLast() {
			return (beanFactory) -> beanFactory.getBeanDefinition(AopConfigUtils.AUTO_PROXY_CREATOR_BEAN_NAME)
				.getPropertyValues()
				.add("order", Ordered.LOWEST_PRECEDENCE);
		}

	}

}
