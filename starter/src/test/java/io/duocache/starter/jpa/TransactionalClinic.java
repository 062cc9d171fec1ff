package io.duocache.starter.jpa;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.hibernate.Hibernate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The clinic, in transactions: its annotations are on the interface. */
@Service
@Transactional(readOnly = true)
public class TransactionalClinic implements Clinic {

	private final OwnerRepository owners;

	private final PetRepository pets;

	/** How often a method of the clinic really ran, across the proxies in front of it. */
	static final AtomicInteger CALLS = new AtomicInteger();

	TransactionalClinic(OwnerRepository owners, PetRepository pets) {
		this.owners = owners;
		this.pets = pets;
	}

	@Override
	public List<String> ownerNames() {
		CALLS.incrementAndGet();
		return this.owners.countByLastName("Davis") >= 0
				? this.owners.findAll().stream().map((owner) -> owner.lastName).sorted().toList() : List.of();
	}

	@Override
	public Pet petWithInitializedType(long id) {
		CALLS.incrementAndGet();
		Pet proxy = this.pets.getReferenceById(id);
		Pet pet = (Pet) Hibernate.unproxy(proxy);
		Hibernate.initialize(pet.type);
		Hibernate.initialize(pet.owner);
		Owner owner = (Owner) Hibernate.unproxy(pet.owner);
		Hibernate.initialize(owner.pets);
		owner.pets.forEach((sibling) -> Hibernate.initialize(sibling.type));
		return proxy;
	}

}
