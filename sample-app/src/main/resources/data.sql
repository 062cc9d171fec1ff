delete from sales;
delete from products;
insert into products (id, name, category, price) values
  (1, 'Espresso beans', 'coffee', 14.50),
  (2, 'Filter beans', 'coffee', 11.00),
  (3, 'Pour-over kettle', 'gear', 39.90),
  (4, 'Hand grinder', 'gear', 59.00),
  (5, 'Green tea', 'tea', 8.75),
  (6, 'Black tea', 'tea', 7.25),
  (7, 'Decaf beans', 'coffee', 12.40);
