package io.duocache.tier;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The coarse clock of memory copies: it moves on by itself, never ahead of the system's clock, and
 * every cache that uses it shares one.
 */
class CoarseTickerTests {

	@Test
	void movesOnByItselfAndNeverAheadOfTheSystemClock() {
		CoarseTicker ticker = CoarseTicker.shared();
		long first = ticker.read();
		assertThat(first).isLessThanOrEqualTo(System.nanoTime());
		await().atMost(Duration.ofSeconds(5)).until(() -> ticker.read() > first);
		assertThat(ticker.read()).isLessThanOrEqualTo(System.nanoTime());
	}

	@Test
	void isSharedWhileACacheHoldsIt() {
		CoarseTicker held = CoarseTicker.shared();
		assertThat(CoarseTicker.shared()).isSameAs(held);
	}

}
