package io.duocache.starter.writes;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.data.jpa.repository.JpaRepository;

import io.duocache.CacheData;
import io.duocache.Exclude;

/** The customers, read through Duocache's caches. */
public interface CustomerRepository extends JpaRepository<Customer, Long> {

	@Override
	@CacheData(name = "customers")
	Optional<Customer> findById(Long id);

	@CacheData(name = "byCity")
	List<Customer> findByCityOrderByName(String city);

	@CacheData(name = "byCityAndName")
	List<Customer> findByCityAndName(String city, String name);

	List<Customer> findByIdIn(List<Long> ids);

	/** Reads a customer, then waits: a computation that the test lets end when it chooses. */
	@CacheData(name = "slowCustomers")
	default String slowName(Long id, @Exclude CountDownLatch read, @Exclude CountDownLatch proceed)
			throws InterruptedException {
		String name = findByIdIn(List.of(id)).get(0).getName();
		read.countDown();
		proceed.await(10, TimeUnit.SECONDS);
		return name;
	}

	@CacheData(name = "byCityTraced")
	default List<Customer> inCity(String city, @Exclude String traceId) {
		return findByCityOrderByName(city);
	}

}
