package io.duocache.security.payroll;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/** How often each secured method really ran. */
@Component
public class Calls {

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	void ran(String method) {
		this.counts.computeIfAbsent(method, (name) -> new AtomicInteger()).incrementAndGet();
	}

	public int of(String method) {
		AtomicInteger count = this.counts.get(method);
		return (count != null) ? count.get() : 0;
	}

	public void reset() {
		this.counts.clear();
	}

}
