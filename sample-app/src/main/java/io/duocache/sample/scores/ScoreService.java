package io.duocache.sample.scores;

import org.springframework.stereotype.Service;

import io.duocache.CacheData;

/**
 * Caches a computation whose argument is a custom class.
 */
@Service
public class ScoreService {

	/**
	 * Multiplies a score.
	 * @param score the score
	 * @param factor the multiplier
	 * @return the multiplied points
	 */
	@CacheData
	public long multiplyScore(Score score, int factor) {
		return (long) score.getPoints() * factor;
	}

}
