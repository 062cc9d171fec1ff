package io.duocache.security.payroll;

/** A key that signs payslips: a resource, one instance per name, closed when it leaves its cache. */
public final class SigningKey implements AutoCloseable {

	private final String name;

	private volatile boolean closed;

	SigningKey(String name) {
		this.name = name;
	}

	public String name() {
		return this.name;
	}

	public boolean isClosed() {
		return this.closed;
	}

	@Override
	public void close() {
		this.closed = true;
	}

}
