package io.duocache.security.payroll;

/** A vault that belongs to one user: a resource, shared by whoever may open it. */
public record Vault(long id, String owner) {
}
