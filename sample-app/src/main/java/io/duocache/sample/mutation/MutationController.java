package io.duocache.sample.mutation;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Each request reads the cached list, then increments its first element.
 */
@RestController
class MutationController {

	private final Numbers numbers;

	MutationController(Numbers numbers) {
		this.numbers = numbers;
	}

	@GetMapping("/mutation/data")
	List<Integer> data() {
		return readThenMutate(this.numbers.asData());
	}

	@GetMapping("/mutation/resource")
	List<Integer> resource() {
		return readThenMutate(this.numbers.asResource());
	}

	private static List<Integer> readThenMutate(List<Integer> list) {
		synchronized (list) {
			List<Integer> seen = List.copyOf(list);
			list.set(0, list.get(0) + 1);
			return seen;
		}
	}

}
