package io.duocache.sample.clinic;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A pet, with a lazy type and a lazy owner. */
@Entity
public class Pet {

	@Id
	@GeneratedValue
	private Long id;

	private String name;

	private LocalDate birthDate;

	@ManyToOne(fetch = FetchType.LAZY)
	private PetType type;

	/** Hidden from the web JSON, which would loop; cached copies keep it, pointing at the copied owner. */
	@JsonIgnore
	@ManyToOne(fetch = FetchType.LAZY)
	private Owner owner;

	protected Pet() {
	}

	Pet(String name, LocalDate birthDate, PetType type) {
		this.name = name;
		this.birthDate = birthDate;
		this.type = type;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public LocalDate getBirthDate() {
		return this.birthDate;
	}

	public PetType getType() {
		return this.type;
	}

	public Owner getOwner() {
		return this.owner;
	}

	void setOwner(Owner owner) {
		this.owner = owner;
	}

}
