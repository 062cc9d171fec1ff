package io.duocache.sample.sentiment;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A naive Bayes sentiment classifier trained on labelled sentences. Immutable once built, so one
 * instance can serve every request.
 */
public final class SentimentModel {

	private final Map<String, Map<String, Integer>> wordCounts = new HashMap<>();

	private final Map<String, Integer> totalWords = new HashMap<>();

	private final Map<String, Integer> documents = new HashMap<>();

	private final int vocabulary;

	private final int trainingSize;

	SentimentModel(List<Example> examples) {
		java.util.Set<String> words = new java.util.HashSet<>();
		for (Example example : examples) {
			this.documents.merge(example.label(), 1, Integer::sum);
			for (String word : tokens(example.text())) {
				words.add(word);
				this.wordCounts.computeIfAbsent(example.label(), (label) -> new HashMap<>()).merge(word, 1, Integer::sum);
				this.totalWords.merge(example.label(), 1, Integer::sum);
			}
		}
		this.vocabulary = words.size();
		this.trainingSize = examples.size();
	}

	/**
	 * Classifies a text.
	 * @param text the text
	 * @return the most likely label and its probability
	 */
	public Prediction classify(String text) {
		Map<String, Double> logScores = new HashMap<>();
		for (String label : this.documents.keySet()) {
			double score = Math.log((double) this.documents.get(label) / this.trainingSize);
			Map<String, Integer> counts = this.wordCounts.getOrDefault(label, Map.of());
			for (String word : tokens(text)) {
				score += Math.log((counts.getOrDefault(word, 0) + 1.0) / (this.totalWords.get(label) + this.vocabulary));
			}
			logScores.put(label, score);
		}
		double max = logScores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
		double sum = logScores.values().stream().mapToDouble((score) -> Math.exp(score - max)).sum();
		String best = logScores.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
		return new Prediction(best, Math.exp(logScores.get(best) - max) / sum);
	}

	/**
	 * Returns how many sentences the model was trained on.
	 * @return the training size
	 */
	public int trainingSize() {
		return this.trainingSize;
	}

	private static List<String> tokens(String text) {
		return List.of(text.toLowerCase(Locale.ROOT).split("[^a-z']+")).stream().filter((word) -> !word.isBlank()).toList();
	}

	/**
	 * A labelled training sentence.
	 *
	 * @param label {@code positive} or {@code negative}
	 * @param text the sentence
	 */
	record Example(String label, String text) {
	}

	/**
	 * A classification.
	 *
	 * @param label the most likely label
	 * @param probability its probability
	 */
	public record Prediction(String label, double probability) {
	}

}
