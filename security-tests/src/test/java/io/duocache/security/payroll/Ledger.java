package io.duocache.security.payroll;

import java.util.List;

import jakarta.persistence.EntityManager;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.duocache.CacheData;

/** A ledger read in transactions, behind method security. */
@Service
@Transactional(readOnly = true)
public class Ledger {

	private final EntityManager entityManager;

	private final Calls calls;

	Ledger(EntityManager entityManager, Calls calls) {
		this.entityManager = entityManager;
		this.calls = calls;
	}

	@PreAuthorize("hasRole('ADMIN')")
	@CacheData
	public List<String> titles() {
		this.calls.ran("titles-ledger");
		return this.entityManager.createQuery("select d.title from StoredDocument d order by d.title", String.class)
			.getResultList();
	}

}
