package io.duocache.benchmarks.jpa;

import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A pet with a lazy type and its owner. */
@Entity
public class Pet {

	@Id
	@GeneratedValue
	Long id;

	String name;

	LocalDate birthDate;

	@ManyToOne(fetch = FetchType.LAZY)
	PetType type;

	@ManyToOne(fetch = FetchType.LAZY)
	Owner owner;

	protected Pet() {
	}

	Pet(String name, LocalDate birthDate, PetType type, Owner owner) {
		this.name = name;
		this.birthDate = birthDate;
		this.type = type;
		this.owner = owner;
	}

}
