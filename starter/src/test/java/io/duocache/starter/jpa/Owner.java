package io.duocache.starter.jpa;

import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;

/** An owner of pets, as entities usually are: no equals or hashCode, a set of pets that point back. */
@Entity
public class Owner {

	@Id
	@GeneratedValue
	Long id;

	String firstName;

	String lastName;

	@OneToMany(mappedBy = "owner", cascade = CascadeType.ALL)
	Set<Pet> pets = new HashSet<>();

	protected Owner() {
	}

	Owner(String firstName, String lastName) {
		this.firstName = firstName;
		this.lastName = lastName;
	}

	Pet adopt(String name, PetType type) {
		Pet pet = new Pet(name, type, this);
		this.pets.add(pet);
		return pet;
	}

}
