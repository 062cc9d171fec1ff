package io.duocache.security.payroll;

/** A document that belongs to one user. */
public record Document(long id, String owner, String title) {
}
