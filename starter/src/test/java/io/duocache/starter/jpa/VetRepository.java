package io.duocache.starter.jpa;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

import io.duocache.CacheData;

/** A repository of vets, whose specialties are an eager set. */
public interface VetRepository extends JpaRepository<Vet, Long> {

	@CacheData
	List<Vet> findByNameStartingWith(String prefix);

}
