package io.duocache.sample.products;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import io.duocache.CacheData;

/**
 * A database query cached as data; the connection is passed in but is not part of the key, because
 * its name starts with an underscore.
 */
@Service
public class ProductQueries {

	/**
	 * Returns the products of a category, cheapest first.
	 * @param category the category
	 * @param _jdbc where to run the query (left out of the key)
	 * @return the products
	 */
	@CacheData(ttl = "10m")
	public List<Product> byCategory(String category, JdbcTemplate _jdbc) {
		return _jdbc.query("select id, name, category, price from products where category = ? order by price",
				(row, index) -> new Product(row.getLong("id"), row.getString("name"), row.getString("category"),
						row.getBigDecimal("price")),
				category);
	}

}
