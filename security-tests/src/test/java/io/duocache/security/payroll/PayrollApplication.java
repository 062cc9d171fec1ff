package io.duocache.security.payroll;

import java.util.List;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** A Spring Boot application with method security on every kind of bean Duocache caches. */
@SpringBootApplication
@EnableMethodSecurity(securedEnabled = true, jsr250Enabled = true)
public class PayrollApplication {

	@Bean
	TransactionCounter transactionCounter() {
		return new TransactionCounter();
	}

	@Bean
	ApplicationRunner documents(DocumentRepository repository) {
		return (arguments) -> List.of(new StoredDocument("alice", "alice's report"),
				new StoredDocument("bob", "bob's report"), new StoredDocument("alice", "alice's plan"))
			.forEach(repository::save);
	}

}
