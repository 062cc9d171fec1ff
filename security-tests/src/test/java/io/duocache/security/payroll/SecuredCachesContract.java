package io.duocache.security.payroll;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import io.duocache.CacheDataManager;
import io.duocache.CacheResourceManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What every application behind method security must see, whatever kind of proxy its beans get and
 * in whatever order the proxies were made: a cached value never reaches a caller that the method's
 * security refuses, a post-authorization holds on every hit, a post-filter filters each caller's own
 * copy, and a pre-filter's arguments are the key.
 */
abstract class SecuredCachesContract {

	@Autowired
	Payroll payroll;

	@Autowired
	Archive archive;

	@Autowired
	DocumentRepository repository;

	@Autowired
	Ledger ledger;

	@Autowired
	Calls calls;

	@Autowired
	TransactionCounter transactions;

	@Autowired
	CacheDataManager dataManager;

	@Autowired
	CacheResourceManager resourceManager;

	@BeforeEach
	void freshCaches() {
		this.dataManager.clear();
		this.resourceManager.clear();
		this.calls.reset();
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void preAuthorizeRefusesAUserAfterAnAdminsCallWasCached() {
		refusesAUserBetweenTwoAdminCalls("salaries", () -> this.payroll.salaries("sales"));
	}

	@Test
	void securedRefusesAUserAfterAnAdminsCallWasCached() {
		refusesAUserBetweenTwoAdminCalls("bonuses", () -> this.payroll.bonuses("sales"));
	}

	@Test
	void rolesAllowedRefusesAUserAfterAnAdminsCallWasCached() {
		refusesAUserBetweenTwoAdminCalls("grades", () -> this.payroll.grades("sales"));
	}

	@Test
	void preAuthorizeRefusesAUserAfterAnAdminLoadedTheSharedResource() {
		refusesAUserTheSharedResource("signingKey", () -> this.payroll.signingKey("payslips"));
	}

	@Test
	void securedRefusesAUserAfterAnAdminLoadedTheSharedResource() {
		refusesAUserTheSharedResource("sealKey", () -> this.payroll.sealKey("payslips"));
	}

	@Test
	void rolesAllowedRefusesAUserAfterAnAdminLoadedTheSharedResource() {
		refusesAUserTheSharedResource("archiveKey", () -> this.payroll.archiveKey("payslips"));
	}

	@Test
	void postAuthorizeRefusesAnotherOwnerOnAHit() {
		signIn("alice");
		assertThat(this.payroll.document(1).title()).isEqualTo("alice's payslip");
		signIn("bob");
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.payroll.document(1));
		signIn("alice");
		assertThat(this.payroll.document(1).title()).isEqualTo("alice's payslip");
		assertThat(this.calls.of("document")).as("computed once, checked on every call").isOne();
		assertThat(this.dataManager.info("Payroll.document").hits()).isEqualTo(2);
	}

	@Test
	void postAuthorizeRefusesAnotherOwnerTheSharedResource() {
		signIn("alice");
		Vault vault = this.payroll.vault(1);
		signIn("bob");
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> this.payroll.vault(1));
		signIn("alice");
		assertThat(this.payroll.vault(1)).isSameAs(vault);
		assertThat(this.calls.of("vault")).isOne();
	}

	@Test
	void postFilterGivesEachCallerExactlyItsOwnElementsOfOneComputation() {
		signIn("alice");
		List<Document> alices = this.payroll.documents("payslips");
		assertThat(alices).extracting(Document::id).containsExactly(1L, 4L);
		alices.clear();
		signIn("bob");
		assertThat(this.payroll.documents("payslips")).extracting(Document::id).containsExactly(2L);
		signIn("carol");
		assertThat(this.payroll.documents("payslips")).extracting(Document::id).containsExactly(3L);
		signIn("alice");
		assertThat(this.payroll.documents("payslips")).extracting(Document::id).containsExactly(1L, 4L);
		assertThat(this.calls.of("documents")).as("the cache keeps the unfiltered value").isOne();
	}

	@Test
	void preFilterKeysTheEntryOnWhatTheCallerMayPass() {
		List<Document> both = List.of(Payroll.DOCUMENTS.get(0), Payroll.DOCUMENTS.get(1));
		signIn("alice");
		assertThat(this.payroll.titles(new ArrayList<>(both))).containsExactly("alice's payslip");
		signIn("bob");
		assertThat(this.payroll.titles(new ArrayList<>(both))).containsExactly("bob's payslip");
		signIn("alice");
		assertThat(this.payroll.titles(new ArrayList<>(both))).containsExactly("alice's payslip");
		assertThat(this.calls.of("titles")).as("one computation per filtered argument list").isEqualTo(2);
	}

	@Test
	void interfaceDeclaredSecurityHoldsOnHits() {
		refusesAUserBetweenTwoAdminCalls("auditLog", () -> this.archive.auditLog("monday"));
		refusesAUserTheSharedResource("archiveSigner", () -> this.archive.archiveSigner("archive"));
		signIn("bob");
		assertThat(this.archive.shared()).extracting(Document::id).containsExactly(2L);
		signIn("alice");
		assertThat(this.archive.shared()).extracting(Document::id).containsExactly(1L, 4L);
		assertThat(this.calls.of("shared")).isOne();
	}

	@Test
	void aSpringDataRepositorysSecurityHoldsOnHitsThatRunNoTransaction() {
		signIn("admin", "ROLE_ADMIN");
		int before = this.transactions.begun();
		assertThat(this.repository.findAll()).hasSize(3);
		assertThat(this.transactions.begun()).as("the miss runs in the repository's transaction").isEqualTo(before + 1);
		signIn("user", "ROLE_USER");
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(this.repository::findAll);
		signIn("admin", "ROLE_ADMIN");
		assertThat(this.repository.findAll()).hasSize(3);
		assertThat(this.transactions.begun()).as("a hit opens no transaction").isEqualTo(before + 1);
		assertThat(this.dataManager.info("DocumentRepository.findAll").hits()).isOne();

		signIn("bob");
		assertThat(this.repository.findByTitleContaining("report")).extracting(StoredDocument::getTitle)
			.containsExactly("bob's report");
		signIn("alice");
		assertThat(this.repository.findByTitleContaining("report")).extracting(StoredDocument::getTitle)
			.containsExactly("alice's report");
		assertThat(this.dataManager.info("DocumentRepository.findByTitleContaining").misses()).isOne();
	}

	@Test
	void aTransactionalBeansSecurityHoldsOnHits() {
		refusesAUserBetweenTwoAdminCalls("titles-ledger", () -> this.ledger.titles());
	}

	private void refusesAUserBetweenTwoAdminCalls(String method, Supplier<List<String>> call) {
		signIn("admin", "ROLE_ADMIN");
		List<String> first = call.get();
		assertThat(first).isNotEmpty();
		signIn("user", "ROLE_USER");
		assertThatExceptionOfType(AccessDeniedException.class).as("a caller without the role, on a hit")
			.isThrownBy(call::get);
		signIn("admin", "ROLE_ADMIN");
		assertThat(call.get()).as("a copy of the admin's cached value").isEqualTo(first).isNotSameAs(first);
		assertThat(this.calls.of(method)).as("computed once").isOne();
	}

	private void refusesAUserTheSharedResource(String method, Supplier<Object> call) {
		signIn("admin", "ROLE_ADMIN");
		Object resource = call.get();
		signIn("user", "ROLE_USER");
		assertThatExceptionOfType(AccessDeniedException.class).as("a caller without the role, on a hit")
			.isThrownBy(call::get);
		signIn("admin", "ROLE_ADMIN");
		assertThat(call.get()).isSameAs(resource);
		assertThat(this.calls.of(method)).as("loaded once").isOne();
	}

	static void signIn(String user, String... authorities) {
		SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user,
				"n/a", AuthorityUtils.createAuthorityList(authorities)));
	}

}
