package io.duocache.security.payroll;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as Spring Boot makes it: its auto-proxy creator proxies each secured bean first
 * and Duocache joins that proxy, between the authorization interceptors and the transaction
 * interceptor.
 */
@SpringBootTest(classes = PayrollApplication.class, properties = "spring.main.web-application-type=none")
class MethodSecurityTests extends SecuredCachesContract {

	@Test
	void aHitOfATransactionalBeanOpensNoTransaction() {
		signIn("admin", "ROLE_ADMIN");
		int before = this.transactions.begun();
		this.ledger.titles();
		this.ledger.titles();
		assertThat(this.transactions.begun()).isEqualTo(before + 1);
	}

}
