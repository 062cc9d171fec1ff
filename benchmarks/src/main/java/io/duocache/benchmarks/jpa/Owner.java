package io.duocache.benchmarks.jpa;

import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;

/** An owner with a set of pets that point back to it, as entities usually are (no equals or hashCode). */
@Entity
public class Owner {

	@Id
	@GeneratedValue
	Long id;

	String firstName;

	String lastName;

	String city;

	@OneToMany(mappedBy = "owner", cascade = CascadeType.ALL)
	Set<Pet> pets = new HashSet<>();

	protected Owner() {
	}

	Owner(String firstName, String lastName, String city) {
		this.firstName = firstName;
		this.lastName = lastName;
		this.city = city;
	}

	/** Returns the owner's id. */
	public Long id() {
		return this.id;
	}

	/** Gives the owner another first name. */
	public void rename(String firstName) {
		this.firstName = firstName;
	}

}
