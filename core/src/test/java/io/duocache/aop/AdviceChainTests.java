package io.duocache.aop;

import java.util.Arrays;

import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;

class AdviceChainTests {

	@Test
	void joinsAnUnsortedChainAfterTheLastAdvisorThatComesBeforeIt() {
		ProxyFactory factory = new ProxyFactory(new StringBuilder());
		factory.addAdvisor(advisor("transactions", Ordered.LOWEST_PRECEDENCE));
		factory.addAdvisor(advisor("pre-authorize", 200));
		factory.addAdvisor(advisor("post-filter", 600));
		AdviceChain.join(factory, advisor("duocache", Ordered.LOWEST_PRECEDENCE - 100));
		assertThat(Arrays.stream(factory.getAdvisors()).map(Advisor::toString)).containsExactly("transactions",
				"pre-authorize", "post-filter", "duocache");
	}

	@Test
	void joinsASortedChainBetweenSecurityAndTransactions() {
		ProxyFactory factory = new ProxyFactory(new StringBuilder());
		factory.addAdvisor(advisor("pre-authorize", 200));
		factory.addAdvisor(advisor("post-filter", 600));
		factory.addAdvisor(advisor("transactions", Ordered.LOWEST_PRECEDENCE));
		AdviceChain.join(factory, advisor("duocache", Ordered.LOWEST_PRECEDENCE - 100));
		assertThat(Arrays.stream(factory.getAdvisors()).map(Advisor::toString)).containsExactly("pre-authorize",
				"post-filter", "duocache", "transactions");
	}

	@Test
	void goesBeforeAnAdvisorOfEqualOrder() {
		ProxyFactory factory = new ProxyFactory(new StringBuilder());
		factory.addAdvisor(advisor("transactions", Ordered.LOWEST_PRECEDENCE));
		AdviceChain.join(factory, advisor("duocache", Ordered.LOWEST_PRECEDENCE));
		assertThat(Arrays.stream(factory.getAdvisors()).map(Advisor::toString)).containsExactly("duocache",
				"transactions");
	}

	private static Advisor advisor(String name, int order) {
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor((MethodInterceptor) (invocation) -> invocation.proceed()) {
			@Override
			public String toString() {
				return name;
			}
		};
		advisor.setOrder(order);
		return advisor;
	}

}
