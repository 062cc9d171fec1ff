package io.duocache.sample.scores;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ScoreController {

	private final ScoreService scores;

	ScoreController(ScoreService scores) {
		this.scores = scores;
	}

	@GetMapping("/scores")
	Map<String, Object> multiply(@RequestParam String player, @RequestParam int points, @RequestParam int factor) {
		return Map.of("player", player, "result", this.scores.multiplyScore(new Score(player, points), factor));
	}

}
