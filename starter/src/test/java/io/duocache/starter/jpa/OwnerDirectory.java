package io.duocache.starter.jpa;

import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.hibernate.Hibernate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.duocache.CacheData;

/** Cached reads over owners that are not repository methods: one by id, one mapped to names. */
@Component
public class OwnerDirectory {

	/** Runs after {@link #firstNames} read the owners and before it returns, for tests that interleave. */
	static volatile Runnable afterRead = () -> {
	};

	@PersistenceContext
	private EntityManager entityManager;

	private final OwnerRepository owners;

	OwnerDirectory(OwnerRepository owners) {
		this.owners = owners;
	}

	@CacheData
	@Transactional(readOnly = true)
	public Owner owner(long id) {
		Owner owner = this.owners.findById(id).orElseThrow();
		Hibernate.initialize(owner.pets);
		owner.pets.forEach((pet) -> Hibernate.initialize(pet.type));
		return owner;
	}

	@CacheData
	public List<String> firstNames(String lastName) {
		List<String> names = this.entityManager
			.createQuery("select o from Owner o where o.lastName = :lastName", Owner.class)
			.setParameter("lastName", lastName)
			.getResultList()
			.stream()
			.map((owner) -> owner.firstName)
			.sorted()
			.toList();
		afterRead.run();
		return names;
	}

}
