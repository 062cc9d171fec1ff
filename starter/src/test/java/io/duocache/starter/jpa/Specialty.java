package io.duocache.starter.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** A vet's specialty. */
@Entity
public class Specialty {

	@Id
	@GeneratedValue
	Long id;

	String name;

	protected Specialty() {
	}

	Specialty(String name) {
		this.name = name;
	}

}
