package io.duocache.sample.clinic;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;

/** A pet owner of the clinic. */
@Entity
public class Owner {

	@Id
	@GeneratedValue
	private Long id;

	private String firstName;

	private String lastName;

	private String city;

	@OneToMany(mappedBy = "owner", cascade = CascadeType.ALL)
	private Set<Pet> pets = new LinkedHashSet<>();

	protected Owner() {
	}

	Owner(String firstName, String lastName, String city) {
		this.firstName = firstName;
		this.lastName = lastName;
		this.city = city;
	}

	void adopt(Pet pet) {
		pet.setOwner(this);
		this.pets.add(pet);
	}

	public Long getId() {
		return this.id;
	}

	public String getFirstName() {
		return this.firstName;
	}

	public String getLastName() {
		return this.lastName;
	}

	public String getCity() {
		return this.city;
	}

	public Set<Pet> getPets() {
		return this.pets;
	}

}
