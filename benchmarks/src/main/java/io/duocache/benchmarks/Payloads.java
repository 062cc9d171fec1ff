package io.duocache.benchmarks;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The values the data benchmarks copy.
 */
final class Payloads {

	private Payloads() {
	}

	/** About half a kilobyte as Smile. */
	static Person person(int seed) {
		Person person = new Person();
		person.id = seed;
		person.name = "Person number " + seed;
		person.email = "person" + seed + "@example.com";
		person.tags = new ArrayList<>(List.of("alpha", "beta", "gamma", "delta", "epsilon"));
		person.address = new Address("Main Street " + seed, "Springfield", "12345", "US");
		person.scores = new int[16];
		for (int i = 0; i < person.scores.length; i++) {
			person.scores[i] = seed * 31 + i;
		}
		person.balance = seed * 1.5;
		person.active = true;
		person.createdAt = Instant.ofEpochSecond(1_700_000_000L + seed);
		person.notes = "Some free text about this person that makes the payload a little more realistic.";
		return person;
	}

	/** About 32 KB as Smile. */
	static Team team(int seed) {
		Team team = new Team();
		team.name = "Team " + seed;
		team.members = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			team.members.add(person(seed * 100 + i));
		}
		return team;
	}

	/** About 100 KB as Smile: a list of 200 people. */
	static Team people(int seed) {
		Team team = new Team();
		team.name = "People " + seed;
		team.members = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			team.members.add(person(seed * 1000 + i));
		}
		return team;
	}

	/** About 1 MB, nearly all of it one numeric array. */
	static Series series(int seed) {
		Series series = new Series();
		series.name = "series-" + seed;
		series.values = new double[131_072];
		for (int i = 0; i < series.values.length; i++) {
			series.values[i] = seed + i * 0.25;
		}
		return series;
	}

	/** A numeric table stored column by column. */
	static Table table(int rows) {
		Table table = new Table();
		table.lat = new double[rows];
		table.lon = new double[rows];
		table.time = new long[rows];
		table.base = new int[rows];
		for (int i = 0; i < rows; i++) {
			table.lat[i] = 40.7 + (i % 1000) * 1e-4;
			table.lon[i] = -73.9 - (i % 997) * 1e-4;
			table.time[i] = 1_409_529_600_000L + i * 1000L;
			table.base[i] = i % 5;
		}
		return table;
	}

	static class Person implements Serializable {

		int id;

		String name;

		String email;

		List<String> tags;

		Address address;

		int[] scores;

		double balance;

		boolean active;

		Instant createdAt;

		String notes;

	}

	record Address(String street, String city, String zip, String country) implements Serializable {
	}

	static class Team implements Serializable {

		String name;

		List<Person> members;

	}

	static class Series implements Serializable {

		String name;

		double[] values;

	}

	static class Table implements Serializable {

		double[] lat;

		double[] lon;

		long[] time;

		int[] base;

	}

	/** A record of immutable values: returned without a copy. */
	record Quote(String symbol, java.math.BigDecimal price, Instant at) implements Serializable {
	}

	/** A record used as an argument. */
	record Query(String city, int hour, long since) implements Serializable {
	}

}
