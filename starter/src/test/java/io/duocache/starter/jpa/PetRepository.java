package io.duocache.starter.jpa;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

import io.duocache.CacheData;

/** A repository whose query leaves the pets' types and owners lazy. */
public interface PetRepository extends JpaRepository<Pet, Long> {

	@CacheData
	List<Pet> findByName(String name);

}
