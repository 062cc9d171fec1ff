package io.duocache.sample.clinic;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

import io.duocache.CacheData;

/**
 * The clinic's owners. The annotation sits where Spring's guides put {@code @Cacheable}: a page of
 * owners with their pets is queried once per last-name prefix and pageable, then copied on every hit.
 */
public interface OwnerRepository extends JpaRepository<Owner, Long> {

	@CacheData(ttl = "10m", spinner = "Querying owners...")
	@EntityGraph(attributePaths = { "pets", "pets.type" })
	Page<Owner> findByLastNameStartingWith(String lastName, Pageable pageable);

}
