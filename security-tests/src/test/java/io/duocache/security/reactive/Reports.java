package io.duocache.security.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PostFilter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.duocache.CacheData;
import io.duocache.security.payroll.Document;

/** Reports read reactively, behind reactive method security. */
@Service
public class Reports {

	private final AtomicInteger salaries = new AtomicInteger();

	private final AtomicInteger documents = new AtomicInteger();

	private final AtomicInteger shared = new AtomicInteger();

	/** Returns how often each method really ran, by name. */
	public Map<String, Integer> calls() {
		return Map.of("salaries", this.salaries.get(), "document", this.documents.get(), "shared",
				this.shared.get());
	}

	@PreAuthorize("hasRole('ADMIN')")
	@CacheData
	public Mono<List<String>> salaries(String department) {
		return Mono.fromSupplier(() -> {
			this.salaries.incrementAndGet();
			return new ArrayList<>(List.of(department + ": 100"));
		});
	}

	@PostAuthorize("returnObject.owner() == authentication.name")
	@CacheData
	public Mono<Document> document(long id) {
		return Mono.fromSupplier(() -> {
			this.documents.incrementAndGet();
			return new Document(id, "alice", "alice's report " + id);
		});
	}

	@PostFilter("filterObject.owner() == authentication.name")
	@CacheData
	public Flux<Document> shared() {
		return Flux.defer(() -> {
			this.shared.incrementAndGet();
			return Flux.just(new Document(1, "alice", "a"), new Document(2, "bob", "b"),
					new Document(3, "alice", "c"));
		});
	}

}
