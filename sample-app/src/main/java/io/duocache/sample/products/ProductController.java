package io.duocache.sample.products;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProductController {

	private final ProductQueries queries;

	private final JdbcTemplate jdbc;

	ProductController(ProductQueries queries, JdbcTemplate jdbc) {
		this.queries = queries;
		this.jdbc = jdbc;
	}

	@GetMapping("/products/{category}")
	List<Product> byCategory(@PathVariable String category) {
		return this.queries.byCategory(category, this.jdbc);
	}

}
