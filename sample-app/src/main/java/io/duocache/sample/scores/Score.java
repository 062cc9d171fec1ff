package io.duocache.sample.scores;

/**
 * A custom class that Duocache cannot hash on its own: {@link ScoreHasher} tells it how.
 */
public class Score {

	private final String player;

	private final int points;

	public Score(String player, int points) {
		this.player = player;
		this.points = points;
	}

	public String getPlayer() {
		return this.player;
	}

	public int getPoints() {
		return this.points;
	}

}
