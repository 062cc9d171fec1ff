package io.duocache.security.payroll;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

/** The archive: its annotations are on the interface. */
@Service
public class ArchiveService implements Archive {

	private final Calls calls;

	ArchiveService(Calls calls) {
		this.calls = calls;
	}

	@Override
	public List<String> auditLog(String day) {
		this.calls.ran("auditLog");
		return new ArrayList<>(List.of(day + ": login", day + ": export"));
	}

	@Override
	public List<Document> shared() {
		this.calls.ran("shared");
		return new ArrayList<>(Payroll.DOCUMENTS);
	}

	@Override
	public SigningKey archiveSigner(String name) {
		this.calls.ran("archiveSigner");
		return new SigningKey(name);
	}

}
