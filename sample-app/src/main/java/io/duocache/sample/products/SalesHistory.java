package io.duocache.sample.products;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Fills the sales table with two years of generated sales when the application starts, so the
 * product query has real work to do: it aggregates every sale of the last year.
 */
@Component
class SalesHistory implements InitializingBean {

	private static final int BATCH = 10_000;

	private final JdbcTemplate jdbc;

	private final int rows;

	SalesHistory(JdbcTemplate jdbc, @Value("${sample.sales.rows:400000}") int rows) {
		this.jdbc = jdbc;
		this.rows = rows;
	}

	@Override
	public void afterPropertiesSet() {
		List<Long> products = this.jdbc.queryForList("select id from products", Long.class);
		SplittableRandom random = new SplittableRandom(14);
		LocalDate today = LocalDate.now();
		List<Object[]> batch = new ArrayList<>(BATCH);
		for (int id = 1; id <= this.rows; id++) {
			long product = products.get(random.nextInt(products.size()));
			batch.add(new Object[] { id, product, 1 + random.nextInt(5), Date.valueOf(today.minusDays(random.nextInt(730))) });
			if (batch.size() == BATCH || id == this.rows) {
				this.jdbc.batchUpdate("insert into sales (id, product_id, quantity, sold_on) values (?, ?, ?, ?)", batch);
				batch.clear();
			}
		}
	}

}
