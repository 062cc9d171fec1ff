package io.duocache.starter.writes;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.duocache.CacheDataManager;
import io.duocache.DuocacheException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Spring's {@code @CacheEvict}, {@code @CachePut}, {@code @Caching} and {@code @CacheConfig} on the
 * caches of a Spring Data JPA application's {@code @CacheData} repository, without
 * {@code @EnableCaching}: only the entries a write names go, its key is read as the cached method's
 * arguments, and inside a transaction the write waits for the commit while the transaction reads its
 * own write. Hibernate's statistics tell a hit (no SQL) from a miss.
 */
@SpringBootTest(classes = ShopApplication.class, properties = { "spring.main.web-application-type=none",
		"spring.jpa.properties.hibernate.generate_statistics=true" })
class SpringWriteAnnotationsTests {

	@Autowired
	CustomerRepository customers;

	@Autowired
	CustomerService service;

	@Autowired
	CacheDataManager caches;

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Autowired
	PlatformTransactionManager transactionManager;

	private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

	Long alice;

	Long bob;

	@BeforeEach
	void shop() {
		this.customers.deleteAll();
		this.alice = this.customers.save(new Customer("alice", "Rome")).getId();
		this.bob = this.customers.save(new Customer("bob", "Paris")).getId();
		this.customers.save(new Customer("carol", "Rome"));
		this.caches.clear();
	}

	@AfterEach
	void stop() {
		this.otherThread.shutdownNow();
	}

	@Test
	void evictsOnlyTheEntryItsKeyNames() {
		this.customers.findById(this.alice);
		this.customers.findById(this.bob);
		long evictions = writes("customers", "evict");
		this.service.rename(this.alice, "Alicia");
		assertThat(writes("customers", "evict")).as("duocache.writes{operation=evict}").isEqualTo(evictions + 1);
		assertThat(nameOf(this.alice)).isEqualTo("Alicia");
		assertThat(statementsOf(() -> this.customers.findById(this.bob))).as("bob's entry stays").isZero();
	}

	@Test
	void readsAnIntKeyAsTheLongParameterItNames() {
		this.customers.findById(this.alice);
		this.service.renameByNumber(this.alice.intValue(), "Ali");
		assertThat(nameOf(this.alice)).isEqualTo("Ali");
	}

	@Test
	void readsSpringsDefaultKeyOfOneParameter() {
		this.customers.findById(this.alice);
		this.service.renameByDefaultKey(this.alice);
		assertThat(nameOf(this.alice)).isEqualTo("alice!");
	}

	@Test
	void readsSpringsDefaultKeyOfSeveralParameters() {
		this.customers.findByCityAndName("Rome", "alice");
		this.customers.findByCityAndName("Paris", "bob");
		this.service.touch("Rome", "alice");
		assertThat(statementsOf(() -> this.customers.findByCityAndName("Rome", "alice"))).isPositive();
		assertThat(statementsOf(() -> this.customers.findByCityAndName("Paris", "bob"))).isZero();
	}

	@Test
	void aKeyOfTheHashedParametersReachesAnEntryWhateverItsExcludedOnes() {
		long misses = this.caches.info("byCityTraced").misses();
		this.customers.inCity("Rome", "trace-1");
		this.customers.inCity("Rome", "trace-2");
		assertThat(this.caches.info("byCityTraced").misses()).as("the trace is not part of the key")
			.isEqualTo(misses + 1);
		this.service.touchCity("Rome");
		this.customers.inCity("Rome", "trace-3");
		assertThat(this.caches.info("byCityTraced").misses()).isEqualTo(misses + 2);
	}

	@Test
	void aPutStoresACopyOfTheResultUnderTheResultsKeyAndTheNextReadIsAHit() {
		this.customers.findById(this.alice);
		long puts = writes("customers", "put");
		Customer moved = this.service.move(this.alice, "Oslo");
		assertThat(writes("customers", "put")).isEqualTo(puts + 1);
		moved.city = "Changed by the caller";
		assertThat(statementsOf(() -> assertThat(this.customers.findById(this.alice)).get()
			.extracting(Customer::getCity)
			.isEqualTo("Oslo"))).as("served without computing").isZero();
	}

	@Test
	void cachingEvictsAnEntryAndAWholeCache() {
		this.customers.findByCityOrderByName("Rome");
		this.customers.findByCityOrderByName("Paris");
		long clears = writes("byCity", "clear");
		Customer dave = this.service.save(new Customer("dave", "Rome"));
		assertThat(writes("byCity", "clear")).isEqualTo(clears + 1);
		assertThat(this.customers.findByCityOrderByName("Rome")).extracting(Customer::getName)
			.containsExactly("alice", "carol", "dave");
		assertThat(statementsOf(() -> this.customers.findByCityOrderByName("Paris"))).as("the whole cache went")
			.isPositive();
		assertThat(dave.getId()).isNotNull();
	}

	@Test
	void aConditionThatFailsEvictsNothing() {
		this.customers.findByCityOrderByName("Rome");
		this.customers.findByCityOrderByName("Paris");
		this.service.touchUnlessRome("Rome");
		this.service.touchUnlessRome("Paris");
		assertThat(statementsOf(() -> this.customers.findByCityOrderByName("Rome"))).isZero();
		assertThat(statementsOf(() -> this.customers.findByCityOrderByName("Paris"))).isPositive();
	}

	@Test
	void evictsBeforeAFailingCallOnlyWhenToldTo() {
		this.customers.findById(this.alice);
		this.customers.findById(this.bob);
		assertThatIllegalStateException().isThrownBy(() -> this.service.failAfterEvicting(this.alice));
		assertThatIllegalStateException().isThrownBy(() -> this.service.failBeforeEvicting(this.bob));
		assertThat(statementsOf(() -> this.customers.findById(this.alice))).isPositive();
		assertThat(statementsOf(() -> this.customers.findById(this.bob))).isZero();
	}

	@Test
	void refusesAKeyThatCannotBeTheCachedMethodsArgumentsNamingBothMethods() {
		assertThatExceptionOfType(DuocacheException.class)
			.isThrownBy(() -> this.service.touchWithTheWrongKey("Rome"))
			.withMessageContaining("@CacheEvict on 'CustomerService.touchWithTheWrongKey'")
			.withMessageContaining("'CustomerRepository.findByCityAndName', which cache 'byCityAndName' is keyed on "
					+ "(city, name)")
			.withMessageContaining("To fix this, give it a key of 2 values in this order (city, name)");
	}

	@Test
	void insideATransactionTheWriteWaitsForTheCommitAndTheTransactionReadsItsOwnWrite() {
		this.customers.findById(this.alice);
		long evictions = writes("customers", "evict");
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.service.rename(this.alice, "Al");
			assertThat(writes("customers", "evict")).as("not before the commit").isEqualTo(evictions);
			assertThat(nameOf(this.alice)).as("the writing transaction reads its own write").isEqualTo("Al");
			assertThat(inOtherThread(() -> nameOf(this.alice))).as("others read the committed row until the commit")
				.isEqualTo("alice");
		});
		assertThat(nameOf(this.alice)).as("after the commit").isEqualTo("Al");
		assertThat(writes("customers", "evict")).isEqualTo(evictions + 1);
	}

	@Test
	void aWriteInANewTransactionInsideAnotherTakesEffectWhenTheNewOneCommits() {
		this.customers.findById(this.alice);
		TransactionTemplate outer = new TransactionTemplate(this.transactionManager);
		TransactionTemplate inner = new TransactionTemplate(this.transactionManager);
		inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.customers.findById(this.bob);
		outer.executeWithoutResult((outerStatus) -> {
			this.service.rename(this.bob, "Outer");
			inner.executeWithoutResult((innerStatus) -> this.service.rename(this.alice, "Inner"));
			assertThat(inOtherThread(() -> nameOf(this.alice))).as("committed by the inner transaction")
				.isEqualTo("Inner");
			outerStatus.setRollbackOnly();
		});
		assertThat(nameOf(this.alice)).as("the outer rollback undoes nothing the inner one committed")
			.isEqualTo("Inner");
		assertThat(nameOf(this.bob)).as("the outer write was rolled back").isEqualTo("bob");
	}

	@Test
	void theManagersClearInsideATransactionWaitsForTheCommitAndARollbackDropsIt() {
		this.customers.findById(this.alice);
		this.customers.findById(this.bob);
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		transaction.executeWithoutResult((status) -> {
			this.caches.clear("customers", this.alice);
			assertThat(inOtherThread(() -> statementsOf(() -> nameOf(this.alice)))).as("a hit for the others")
				.isZero();
			status.setRollbackOnly();
		});
		assertThat(statementsOf(() -> nameOf(this.alice))).as("nothing was cleared").isZero();
		transaction.executeWithoutResult((status) -> this.caches.clear("customers"));
		assertThat(statementsOf(() -> nameOf(this.bob))).as("cleared at the commit").isPositive();
	}

	@Test
	void aValueAnotherThreadReadBetweenTheEvictionAndItsCommitDoesNotOutliveTheCommit() {
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.service.rename(this.alice, "Ally");
			assertThat(inOtherThread(() -> nameOf(this.alice))).as("computed from the committed row, and stored")
				.isEqualTo("alice");
			assertThat(inOtherThread(() -> statementsOf(() -> nameOf(this.alice)))).as("a hit for the others")
				.isZero();
		});
		assertThat(nameOf(this.alice)).isEqualTo("Ally");
	}

	@Test
	void aComputationThatReadTheRowBeforeTheCommitAndEndsAfterItIsNotStored() throws Exception {
		CountDownLatch read = new CountDownLatch(1);
		CountDownLatch proceed = new CountDownLatch(1);
		Future<String> before = this.otherThread.submit(() -> this.customers.slowName(this.alice, read, proceed));
		assertThat(read.await(10, TimeUnit.SECONDS)).isTrue();
		this.service.renameWhileRead(this.alice, "Alix");
		proceed.countDown();
		assertThat(before.get(10, TimeUnit.SECONDS)).as("what its caller gets").isEqualTo("alice");
		CountDownLatch done = new CountDownLatch(0);
		assertThat(this.customers.slowName(this.alice, done, done)).as("computed again").isEqualTo("Alix");
	}

	@Test
	void aRolledBackTransactionEvictsNothingAndLeavesNoUncommittedValue() {
		this.customers.findById(this.alice);
		long evictions = writes("customers", "evict");
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.service.rename(this.alice, "Never");
			assertThat(nameOf(this.alice)).isEqualTo("Never");
			status.setRollbackOnly();
		});
		assertThat(statementsOf(() -> assertThat(nameOf(this.alice)).isEqualTo("alice"))).as("still a hit").isZero();
		assertThat(writes("customers", "evict")).isEqualTo(evictions);
	}

	private long writes(String cache, String operation) {
		return this.caches.info(cache).writes().get(operation);
	}

	private String nameOf(Long id) {
		return this.customers.findById(id).orElseThrow().getName();
	}

	private <T> T inOtherThread(Callable<T> call) {
		try {
			return this.otherThread.submit(call).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long statementsOf(Runnable call) {
		Statistics statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		statistics.clear();
		call.run();
		return statistics.getPrepareStatementCount();
	}

}
