package io.duocache.sample.clinic;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** A kind of pet. */
@Entity
public class PetType {

	@Id
	@GeneratedValue
	private Long id;

	private String name;

	protected PetType() {
	}

	PetType(String name) {
		this.name = name;
	}

	public String getName() {
		return this.name;
	}

}
