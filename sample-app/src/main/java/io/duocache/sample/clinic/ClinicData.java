package io.duocache.sample.clinic;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Fills an empty clinic with generated owners and pets at startup. */
@Component
class ClinicData implements ApplicationRunner {

	private static final List<String> FIRST_NAMES = List.of("George", "Betty", "Eduardo", "Harold", "Peter", "Jean",
			"Jeff", "Maria", "David", "Carlos");

	private static final List<String> LAST_NAMES = List.of("Franklin", "Davis", "Rodriquez", "Black", "McTavish",
			"Coleman", "Escobito", "Schroeder", "Daniels", "Estaban");

	private static final List<String> PET_NAMES = List.of("Leo", "Basil", "Rosy", "Jewel", "Iggy", "George",
			"Samantha", "Max", "Lucky", "Mulligan", "Freddy", "Sly");

	private final OwnerRepository owners;

	private final PetTypes types;

	private final TransactionTemplate transactions;

	ClinicData(OwnerRepository owners, PetTypes types, TransactionTemplate transactions) {
		this.owners = owners;
		this.types = types;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.transactions.executeWithoutResult((status) -> {
			if (this.owners.count() > 0) {
				return;
			}
			List<PetType> kinds = this.types.saveAll(List.of(new PetType("cat"), new PetType("dog"),
					new PetType("lizard"), new PetType("bird"), new PetType("hamster")));
			Random random = new Random(7);
			for (int i = 0; i < 500; i++) {
				Owner owner = new Owner(FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size())),
						LAST_NAMES.get(random.nextInt(LAST_NAMES.size())), (random.nextBoolean() ? "Madison" : "Sun Prairie"));
				for (int p = 0, pets = 1 + random.nextInt(3); p < pets; p++) {
					owner.adopt(new Pet(PET_NAMES.get(random.nextInt(PET_NAMES.size())),
							LocalDate.of(2015, 1, 1).plusDays(random.nextInt(3000)), kinds.get(random.nextInt(kinds.size()))));
				}
				this.owners.save(owner);
			}
		});
	}

}
