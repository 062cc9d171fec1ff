package io.duocache.starter.writes;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** A customer of a shop. */
@Entity
public class Customer {

	@Id
	@GeneratedValue
	Long id;

	String name;

	String city;

	protected Customer() {
	}

	Customer(String name, String city) {
		this.name = name;
		this.city = city;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public String getCity() {
		return this.city;
	}

}
