package org.springframework.samples.petclinic.vet;

import java.util.Collection;

import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.duocache.CacheData;

/**
 * The vets, as Spring PetClinic reads them: a repository that extends {@link Repository} and
 * redeclares the two {@code findAll} methods it caches.
 */
public interface VetRepository extends Repository<Vet, Integer> {

	@Transactional(readOnly = true)
	@CacheData(name = "vets")
	Collection<Vet> findAll() throws DataAccessException;

	@Transactional(readOnly = true)
	@CacheData(name = "vetPages")
	Page<Vet> findAll(Pageable pageable) throws DataAccessException;

}
