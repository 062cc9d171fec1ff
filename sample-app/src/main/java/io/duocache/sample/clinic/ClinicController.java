package io.duocache.sample.clinic;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ClinicController {

	private final OwnerRepository owners;

	ClinicController(OwnerRepository owners) {
		this.owners = owners;
	}

	/** A page of owners whose last name starts with a prefix: {@code /owners?lastName=Da&page=1&size=5&sort=firstName}. */
	@GetMapping("/owners")
	OwnersPage owners(@RequestParam(defaultValue = "") String lastName,
			@PageableDefault(size = 10, sort = "lastName") Pageable pageable) {
		Page<Owner> page = this.owners.findByLastNameStartingWith(lastName, pageable);
		return new OwnersPage(page.getContent(), page.getNumber(), page.getSize(), page.getTotalPages(),
				page.getTotalElements());
	}

	record OwnersPage(List<Owner> owners, int page, int size, int totalPages, long totalElements) {
	}

}
