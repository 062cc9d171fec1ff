package io.duocache.data;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Compares two writes of one value as trees, where an array may hold the same elements in another
 * order: a set whose elements hash by identity iterates in another order in its copy.
 */
final class SameTree {

	private SameTree() {
	}

	static boolean regardlessOfOrder(JsonNode first, JsonNode second) {
		if (first.equals(second)) {
			return true;
		}
		if (first.isArray() && second.isArray()) {
			return sameElements(first, second);
		}
		if (first.isObject() && second.isObject()) {
			if (first.size() != second.size()) {
				return false;
			}
			for (String name : first.propertyNames()) {
				JsonNode other = second.get(name);
				if (other == null || !regardlessOfOrder(first.get(name), other)) {
					return false;
				}
			}
			return true;
		}
		return false;
	}

	/** Whether every element of one array matches a distinct element of the other. */
	private static boolean sameElements(JsonNode first, JsonNode second) {
		if (first.size() != second.size()) {
			return false;
		}
		List<JsonNode> unmatched = new ArrayList<>(second.size());
		second.values().forEach(unmatched::add);
		for (JsonNode element : first.values()) {
			boolean matched = false;
			for (int i = 0; i < unmatched.size(); i++) {
				if (regardlessOfOrder(element, unmatched.get(i))) {
					unmatched.remove(i);
					matched = true;
					break;
				}
			}
			if (!matched) {
				return false;
			}
		}
		return true;
	}

}
