package io.duocache.sample.scores;

import java.util.List;

import org.springframework.stereotype.Component;

import io.duocache.ParamHasher;

/**
 * Makes {@link Score} arguments part of cache keys by their player and points.
 */
@Component
public class ScoreHasher implements ParamHasher<Score> {

	@Override
	public Object hash(Score score) {
		return List.of(score.getPlayer(), score.getPoints());
	}

}
