package io.duocache.security.payroll;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** A document kept in the database. */
@Entity
public class StoredDocument {

	@Id
	@GeneratedValue
	private Long id;

	private String owner;

	private String title;

	protected StoredDocument() {
	}

	StoredDocument(String owner, String title) {
		this.owner = owner;
		this.title = title;
	}

	public Long getId() {
		return this.id;
	}

	public String getOwner() {
		return this.owner;
	}

	public String getTitle() {
		return this.title;
	}

}
