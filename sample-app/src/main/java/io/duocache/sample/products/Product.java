package io.duocache.sample.products;

import java.math.BigDecimal;

/**
 * A row of the products table.
 *
 * @param id the id
 * @param name the name
 * @param category the category
 * @param price the price
 * @param unitsSold units sold over the last year
 */
public record Product(long id, String name, String category, BigDecimal price, long unitsSold) {
}
