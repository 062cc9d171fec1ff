package io.duocache.sample.clinic;

import org.springframework.data.jpa.repository.JpaRepository;

/** The kinds of pets. */
interface PetTypes extends JpaRepository<PetType, Long> {

}
