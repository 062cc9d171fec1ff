package io.duocache.security.payroll;

import java.util.List;

import org.springframework.security.access.prepost.PostFilter;
import org.springframework.security.access.prepost.PreAuthorize;

import io.duocache.CacheData;
import io.duocache.CacheResource;

/** An archive whose security and cache annotations are declared on the interface. */
public interface Archive {

	@PreAuthorize("hasRole('ADMIN')")
	@CacheData
	List<String> auditLog(String day);

	@PostFilter("filterObject.owner() == authentication.name")
	@CacheData
	List<Document> shared();

	@PreAuthorize("hasRole('ADMIN')")
	@CacheResource
	SigningKey archiveSigner(String name);

}
