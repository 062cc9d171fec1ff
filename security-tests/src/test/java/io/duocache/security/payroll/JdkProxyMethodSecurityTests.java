package io.duocache.security.payroll;

import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The same application with interface-based JDK proxies ({@code spring.aop.proxy-target-class=false}). */
@SpringBootTest(classes = PayrollApplication.class,
		properties = { "spring.main.web-application-type=none", "spring.aop.proxy-target-class=false" })
class JdkProxyMethodSecurityTests extends SecuredCachesContract {

	@Test
	void theArchiveIsAJdkProxy() {
		assertThat(AopUtils.isJdkDynamicProxy(this.archive)).isTrue();
	}

}
