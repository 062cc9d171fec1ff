package io.duocache.security.payroll;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PostFilter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.access.prepost.PreFilter;
import org.springframework.stereotype.Service;

import io.duocache.CacheData;
import io.duocache.CacheResource;

/** A payroll service whose cached methods each carry one of Spring Security's method annotations. */
@Service
public class Payroll {

	static final List<Document> DOCUMENTS = List.of(new Document(1, "alice", "alice's payslip"),
			new Document(2, "bob", "bob's payslip"), new Document(3, "carol", "carol's payslip"),
			new Document(4, "alice", "alice's contract"));

	private final Calls calls;

	Payroll(Calls calls) {
		this.calls = calls;
	}

	@PreAuthorize("hasRole('ADMIN')")
	@CacheData
	public List<String> salaries(String department) {
		this.calls.ran("salaries");
		return new ArrayList<>(List.of(department + ": 100", department + ": 200"));
	}

	@Secured("ROLE_ADMIN")
	@CacheData
	public List<String> bonuses(String department) {
		this.calls.ran("bonuses");
		return new ArrayList<>(List.of(department + ": 10"));
	}

	@RolesAllowed("ADMIN")
	@CacheData
	public List<String> grades(String department) {
		this.calls.ran("grades");
		return new ArrayList<>(List.of(department + ": A"));
	}

	@PostAuthorize("returnObject.owner() == authentication.name")
	@CacheData
	public Document document(long id) {
		this.calls.ran("document");
		return DOCUMENTS.stream().filter((document) -> document.id() == id).findFirst().orElseThrow();
	}

	@PostFilter("filterObject.owner() == authentication.name")
	@CacheData
	public List<Document> documents(String folder) {
		this.calls.ran("documents");
		return new ArrayList<>(DOCUMENTS);
	}

	@PreFilter("filterObject.owner() == authentication.name")
	@CacheData
	public List<String> titles(List<Document> documents) {
		this.calls.ran("titles");
		return documents.stream().map(Document::title).toList();
	}

	@PreAuthorize("hasRole('ADMIN')")
	@CacheResource
	public SigningKey signingKey(String name) {
		this.calls.ran("signingKey");
		return new SigningKey(name);
	}

	@Secured("ROLE_ADMIN")
	@CacheResource
	public SigningKey sealKey(String name) {
		this.calls.ran("sealKey");
		return new SigningKey(name);
	}

	@RolesAllowed("ADMIN")
	@CacheResource
	public SigningKey archiveKey(String name) {
		this.calls.ran("archiveKey");
		return new SigningKey(name);
	}

	@PostAuthorize("returnObject.owner() == authentication.name")
	@CacheResource
	public Vault vault(long id) {
		this.calls.ran("vault");
		return new Vault(id, (id % 2 == 1) ? "alice" : "bob");
	}

}
