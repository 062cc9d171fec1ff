package io.duocache.benchmarks.jpa;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

import io.duocache.CacheData;

/** The same query cached and not: owners of a city with their pets and the pets' types. */
public interface OwnerRepository extends JpaRepository<Owner, Long> {

	@CacheData
	@EntityGraph(attributePaths = { "pets", "pets.type" })
	List<Owner> findByCity(String city);

	@EntityGraph(attributePaths = { "pets", "pets.type" })
	List<Owner> findAllByCity(String city);

	/** The same query cached by a cache that invalidates on entity changes, where it is switched on. */
	@CacheData(name = "trackedOwners")
	@EntityGraph(attributePaths = { "pets", "pets.type" })
	List<Owner> findTrackedByCity(String city);

	/** One owner, cached by a cache that invalidates on entity changes, where it is switched on. */
	@CacheData(name = "trackedOwner")
	@EntityGraph(attributePaths = { "pets", "pets.type" })
	Owner findOwnerById(Long id);

	@CacheData
	@EntityGraph(attributePaths = { "pets", "pets.type" })
	Page<Owner> findPageByCity(String city, Pageable pageable);

}
