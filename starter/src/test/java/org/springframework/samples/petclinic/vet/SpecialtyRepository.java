package org.springframework.samples.petclinic.vet;

import org.springframework.data.repository.CrudRepository;

/** Writes the specialties the test data needs. */
public interface SpecialtyRepository extends CrudRepository<Specialty, Integer> {

}
