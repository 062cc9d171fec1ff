package io.duocache.sample.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;

import io.duocache.CacheResource;

/**
 * Builds the sentiment model once and shares it: a resource, not data.
 */
@Service
public class ModelProvider {

	/**
	 * Trains the model on the bundled corpus.
	 * @return the shared model
	 */
	@CacheResource(spinner = "Training the sentiment model...", showTime = true)
	public SentimentModel sentimentModel() {
		ClassPathResource corpus = new ClassPathResource("sentiment-corpus.tsv");
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(corpus.getInputStream(), StandardCharsets.UTF_8))) {
			List<SentimentModel.Example> examples = reader.lines()
				.filter((line) -> !line.isBlank())
				.map((line) -> line.split("\t", 2))
				.map((parts) -> new SentimentModel.Example(parts[0], parts[1]))
				.toList();
			return new SentimentModel(examples);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
