package io.duocache.starter.jpa;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

import io.duocache.CacheData;

/** A repository whose methods carry the cache annotation where Spring's guides put {@code @Cacheable}. */
public interface OwnerRepository extends JpaRepository<Owner, Long> {

	@CacheData
	@EntityGraph(attributePaths = { "pets", "pets.type" })
	List<Owner> findByLastName(String lastName);

	@CacheData
	@Query("select distinct o from Owner o left join fetch o.pets p left join fetch p.type where o.lastName like :prefix%")
	List<Owner> withPets(@Param("prefix") String prefix);

	@CacheData
	@EntityGraph(attributePaths = { "pets", "pets.type" })
	Page<Owner> findByFirstName(String firstName, Pageable pageable);

	@CacheData
	@EntityGraph(attributePaths = { "pets", "pets.type" })
	Slice<Owner> findSliceByFirstName(String firstName, Pageable pageable);

	@CacheData
	@EntityGraph(attributePaths = { "pets", "pets.type" })
	List<Owner> findAllByFirstName(String firstName, Sort sort);

	@CacheData
	@Override
	@EntityGraph(attributePaths = { "pets", "pets.type" })
	List<Owner> findAll();

	long countByLastName(String lastName);

	@CacheData
	default long countOf(String lastName) {
		return countByLastName(lastName);
	}

	@Modifying
	@Transactional
	@Query("update Owner o set o.firstName = :firstName where o.lastName = :lastName")
	int renameFirstNames(@Param("lastName") String lastName, @Param("firstName") String firstName);

}
