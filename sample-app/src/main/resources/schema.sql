create table if not exists products (
  id bigint primary key,
  name varchar(100) not null,
  category varchar(50) not null,
  price decimal(10, 2) not null
);

create table if not exists sales (
  id bigint primary key,
  product_id bigint not null,
  quantity int not null,
  sold_on date not null
);
