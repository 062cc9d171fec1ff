package org.springframework.samples.petclinic.vet;

import org.springframework.data.repository.CrudRepository;

/** Writes the vets the test data needs. */
public interface VetWriter extends CrudRepository<Vet, Integer> {

}
