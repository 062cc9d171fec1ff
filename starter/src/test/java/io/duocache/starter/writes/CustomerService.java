package io.duocache.starter.writes;

import jakarta.persistence.EntityManager;
import org.springframework.cache.annotation.CacheConfig;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Caching;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the customers the way an application migrated from {@code @Cacheable} does: Spring's
 * write annotations, in transactions.
 */
@Service
@Transactional
@CacheConfig(cacheNames = "customers")
public class CustomerService {

	private final CustomerRepository customers;

	private final EntityManager entityManager;

	CustomerService(CustomerRepository customers, EntityManager entityManager) {
		this.customers = customers;
		this.entityManager = entityManager;
	}

	private Customer managed(long id) {
		return this.entityManager.find(Customer.class, id);
	}

	@CacheEvict(key = "#id")
	public void rename(Long id, String name) {
		managed(id).name = name;
	}

	@CacheEvict(cacheNames = "slowCustomers", key = "#id")
	public void renameWhileRead(Long id, String name) {
		managed(id).name = name;
	}

	@CacheEvict(key = "#id")
	public void renameByNumber(int id, String name) {
		managed(id).name = name;
	}

	@CacheEvict
	public void renameByDefaultKey(Long id) {
		Customer customer = managed(id);
		customer.name = customer.name + "!";
	}

	@CachePut(key = "#result.id")
	public Customer move(Long id, String city) {
		Customer customer = managed(id);
		customer.city = city;
		return customer;
	}

	@Caching(evict = { @CacheEvict(key = "#customer.id"), @CacheEvict(cacheNames = "byCity", allEntries = true) })
	public Customer save(Customer customer) {
		return this.customers.save(customer);
	}

	@CacheEvict(cacheNames = "byCityAndName")
	public void touch(String city, String name) {
	}

	@CacheEvict(cacheNames = "byCityTraced", key = "#city")
	public void touchCity(String city) {
	}

	@CacheEvict(cacheNames = "byCity", key = "#city", condition = "#city != 'Rome'")
	public void touchUnlessRome(String city) {
	}

	@CacheEvict(cacheNames = "byCityAndName", key = "#city")
	public void touchWithTheWrongKey(String city) {
	}

	@CacheEvict(cacheNames = "customers", key = "#id", beforeInvocation = true)
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public void failAfterEvicting(Long id) {
		throw new IllegalStateException("failed after the eviction");
	}

	@CacheEvict(cacheNames = "customers", key = "#id")
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public void failBeforeEvicting(Long id) {
		throw new IllegalStateException("failed before the eviction");
	}

}
