package io.duocache.benchmarks.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** A kind of pet. */
@Entity
public class PetType {

	@Id
	@GeneratedValue
	Long id;

	String name;

	protected PetType() {
	}

	PetType(String name) {
		this.name = name;
	}

}
