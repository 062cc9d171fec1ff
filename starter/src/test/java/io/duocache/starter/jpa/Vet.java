package io.duocache.starter.jpa;

import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;

/** A vet with an eager set of specialties, and a field the web API must never show. */
@Entity
public class Vet {

	@Id
	@GeneratedValue
	Long id;

	String name;

	@JsonIgnore
	String passwordHash;

	@ManyToMany(fetch = FetchType.EAGER)
	Set<Specialty> specialties = new HashSet<>();

	protected Vet() {
	}

	Vet(String name, String passwordHash) {
		this.name = name;
		this.passwordHash = passwordHash;
	}

}
