package io.duocache.security.payroll;

import java.util.List;

import org.springframework.data.repository.Repository;
import org.springframework.security.access.prepost.PostFilter;
import org.springframework.security.access.prepost.PreAuthorize;

import io.duocache.CacheData;

/** A Spring Data repository with secured, cached query methods. */
public interface DocumentRepository extends Repository<StoredDocument, Long> {

	@PreAuthorize("hasRole('ADMIN')")
	@CacheData
	List<StoredDocument> findAll();

	@PostFilter("filterObject.owner == authentication.name")
	@CacheData
	List<StoredDocument> findByTitleContaining(String part);

	StoredDocument save(StoredDocument document);

}
