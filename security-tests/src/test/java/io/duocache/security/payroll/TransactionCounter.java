package io.duocache.security.payroll;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/** Counts the transactions begun: Spring Boot adds every such listener to its transaction manager. */
public class TransactionCounter implements TransactionExecutionListener {

	private final AtomicInteger begun = new AtomicInteger();

	@Override
	public void beforeBegin(TransactionExecution transaction) {
		this.begun.incrementAndGet();
	}

	public int begun() {
		return this.begun.get();
	}

}
