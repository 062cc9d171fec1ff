package io.duocache.starter.jpa;

import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A pet, with a lazy type and its owner. */
@Entity
public class Pet {

	@Id
	@GeneratedValue
	Long id;

	String name;

	LocalDate birthDate = LocalDate.of(2020, 5, 1);

	@ManyToOne(fetch = FetchType.LAZY)
	PetType type;

	@ManyToOne(fetch = FetchType.LAZY)
	Owner owner;

	protected Pet() {
	}

	Pet(String name, PetType type, Owner owner) {
		this.name = name;
		this.type = type;
		this.owner = owner;
	}

}
