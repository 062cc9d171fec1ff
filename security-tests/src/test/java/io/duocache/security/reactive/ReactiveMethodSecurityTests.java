package io.duocache.security.reactive;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.duocache.security.payroll.Document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Reactive method security holds on the hits of cached {@code Mono} and {@code Flux} methods. */
@SpringBootTest(classes = ReportsApplication.class, properties = "spring.main.web-application-type=none")
class ReactiveMethodSecurityTests {

	@Autowired
	Reports reports;

	@Test
	void preAuthorizeRefusesAUserAfterAnAdminsCallWasCached() {
		List<String> first = as(this.reports.salaries("sales"), "admin", "ROLE_ADMIN");
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> as(this.reports.salaries("sales"), "user", "ROLE_USER"));
		assertThat(as(this.reports.salaries("sales"), "admin", "ROLE_ADMIN")).isEqualTo(first);
		assertThat(this.reports.calls()).containsEntry("salaries", 1);
	}

	@Test
	void postAuthorizeRefusesAnotherOwnerOnAHit() {
		assertThat(as(this.reports.document(7), "alice").title()).isEqualTo("alice's report 7");
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> as(this.reports.document(7), "bob"));
		assertThat(as(this.reports.document(7), "alice").title()).isEqualTo("alice's report 7");
		assertThat(this.reports.calls()).containsEntry("document", 1);
	}

	@Test
	void postFilterGivesEachCallerItsOwnElements() {
		assertThat(as(this.reports.shared(), "bob")).extracting(Document::id).containsExactly(2L);
		assertThat(as(this.reports.shared(), "alice")).extracting(Document::id).containsExactly(1L, 3L);
		assertThat(as(this.reports.shared(), "bob")).extracting(Document::id).containsExactly(2L);
		assertThat(this.reports.calls()).containsEntry("shared", 1);
	}

	private static <T> T as(Mono<T> call, String user, String... authorities) {
		return call.contextWrite(ReactiveSecurityContextHolder.withAuthentication(token(user, authorities))).block();
	}

	private static <T> List<T> as(Flux<T> call, String user, String... authorities) {
		return call.contextWrite(ReactiveSecurityContextHolder.withAuthentication(token(user, authorities)))
			.collectList()
			.block();
	}

	private static UsernamePasswordAuthenticationToken token(String user, String... authorities) {
		return UsernamePasswordAuthenticationToken.authenticated(user, "n/a",
				AuthorityUtils.createAuthorityList(authorities));
	}

}
