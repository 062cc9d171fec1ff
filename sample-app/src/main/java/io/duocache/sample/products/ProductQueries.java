package io.duocache.sample.products;

import java.time.LocalDate;
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
	 * Returns the products of a category, cheapest first, with the units each sold over the last
	 * year: an aggregate over the whole sales table, which is what makes a miss slow.
	 * @param category the category
	 * @param _jdbc where to run the query (left out of the key)
	 * @return the products
	 */
	@CacheData(ttl = "10m")
	public List<Product> byCategory(String category, JdbcTemplate _jdbc) {
		return _jdbc.query("""
				select p.id, p.name, p.category, p.price, coalesce(sum(s.quantity), 0) as units_sold
				from products p left join sales s on s.product_id = p.id and s.sold_on >= ?
				where p.category = ?
				group by p.id, p.name, p.category, p.price
				order by p.price""",
				(row, index) -> new Product(row.getLong("id"), row.getString("name"), row.getString("category"),
						row.getBigDecimal("price"), row.getLong("units_sold")),
				java.sql.Date.valueOf(LocalDate.now().minusYears(1)), category);
	}

}
