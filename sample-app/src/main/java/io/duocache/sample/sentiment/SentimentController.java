package io.duocache.sample.sentiment;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SentimentController {

	private final ModelProvider models;

	SentimentController(ModelProvider models) {
		this.models = models;
	}

	@GetMapping("/sentiment")
	SentimentModel.Prediction classify(@RequestParam String text) {
		return this.models.sentimentModel().classify(text);
	}

}
