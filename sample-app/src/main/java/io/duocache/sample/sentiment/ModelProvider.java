package io.duocache.sample.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;

import io.duocache.CacheResource;

/**
 * Builds the sentiment model once and shares it: a resource, not data.
 */
@Service
@ImportRuntimeHints(ModelProvider.CorpusHints.class)
public class ModelProvider {

	private final int reviews;

	public ModelProvider(@Value("${sample.sentiment.reviews:300000}") int reviews) {
		this.reviews = reviews;
	}

	/**
	 * Trains the model on a corpus of generated reviews, each two to four sentences of the bundled
	 * labelled sentences with the same label: hundreds of thousands of documents, which is what
	 * makes training take a noticeable time.
	 * @return the shared model
	 */
	@CacheResource(spinner = "Training the sentiment model...", showTime = true)
	public SentimentModel sentimentModel() {
		List<SentimentModel.Example> sentences = bundledSentences();
		List<SentimentModel.Example> positive = sentences.stream().filter((s) -> s.label().equals("positive")).toList();
		List<SentimentModel.Example> negative = sentences.stream().filter((s) -> s.label().equals("negative")).toList();
		SplittableRandom random = new SplittableRandom(42);
		List<SentimentModel.Example> corpus = new ArrayList<>(this.reviews);
		for (int i = 0; i < this.reviews; i++) {
			List<SentimentModel.Example> pool = random.nextBoolean() ? positive : negative;
			StringBuilder review = new StringBuilder();
			for (int sentence = 2 + random.nextInt(3); sentence > 0; sentence--) {
				review.append(pool.get(random.nextInt(pool.size())).text()).append(". ");
			}
			corpus.add(new SentimentModel.Example(pool.get(0).label(), review.toString()));
		}
		return new SentimentModel(corpus);
	}

	private static List<SentimentModel.Example> bundledSentences() {
		ClassPathResource corpus = new ClassPathResource("sentiment-corpus.tsv");
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(corpus.getInputStream(), StandardCharsets.UTF_8))) {
			return reader.lines()
				.filter((line) -> !line.isBlank())
				.map((line) -> line.split("\t", 2))
				.map((parts) -> new SentimentModel.Example(parts[0], parts[1]))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The corpus is read from the classpath, which a native image holds only what it is told to. */
	static final class CorpusHints implements RuntimeHintsRegistrar {

		@Override
		public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
			hints.resources().registerPattern("sentiment-corpus.tsv");
		}

	}

}
