package io.duocache.tier;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.duocache.ResourceReleaser;
import io.duocache.ResourceValidator;
import io.duocache.config.CacheSettings;
import io.duocache.key.CacheKey;
import io.duocache.key.ResourceIdentities;
import io.duocache.resource.ResourceCache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Computations whose owner stops without a value: a stack overflow in nested cached calls, an
 * interrupted computation. No key stays claimed and no waiter inherits another thread's interrupt.
 */
class AbandonedComputationTests {

	private final ExecutorService executor = Executors.newFixedThreadPool(2);

	@AfterEach
	void stopExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void aStackOverflowInNestedCachedCallsLeavesNoKeyClaimed() throws Exception {
		SingleFlightCache<?> cache = cache();
		int levels = 20_000;
		// Overflow at many different depths, so that the overflow strikes every instruction of the
		// failure path at least once.
		for (int stackKilobytes = 160; stackKilobytes <= 640; stackKilobytes += 8) {
			Throwable failure = runWithStack(stackKilobytes * 1024L, () -> depth(cache, levels));
			assertThat(failure).isInstanceOf(StackOverflowError.class);
		}
		AtomicReference<Object> result = new AtomicReference<>();
		assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
			Throwable failure = runWithStack(1024L * 1024 * 1024, () -> result.set(depth(cache, levels)));
			assertThat(failure).isNull();
		});
		assertThat(result.get()).isEqualTo((long) levels);
	}

	@Test
	void waitersComputeAgainWhenTheOwnerIsInterruptedInsteadOfInheritingItsInterrupt() throws Exception {
		SingleFlightCache<?> cache = cache();
		CountDownLatch ownerComputing = new CountDownLatch(1);
		Future<Object> owner = this.executor.submit(() -> get(cache, () -> {
			ownerComputing.countDown();
			Thread.sleep(60_000);
			return "never";
		}));
		ownerComputing.await();
		AtomicInteger waiterComputations = new AtomicInteger();
		AtomicReference<Boolean> waiterInterrupted = new AtomicReference<>();
		Future<Object> waiter = this.executor.submit(() -> {
			Object value = get(cache, () -> {
				waiterComputations.incrementAndGet();
				return "fresh";
			});
			waiterInterrupted.set(Thread.currentThread().isInterrupted());
			return value;
		});
		awaitWaiting(cache);
		owner.cancel(true);
		assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo("fresh");
		assertThat(waiterComputations).hasValue(1);
		assertThat(waiterInterrupted.get()).isFalse();
	}

	@Test
	void theInterruptedOwnerItselfSeesItsInterrupt() throws Exception {
		SingleFlightCache<?> cache = cache();
		CountDownLatch ownerComputing = new CountDownLatch(1);
		AtomicReference<Throwable> seen = new AtomicReference<>();
		Thread owner = new Thread(() -> {
			try {
				cache.get(new CacheKey(0, 1), () -> {
					ownerComputing.countDown();
					Thread.sleep(60_000);
					return "never";
				});
			}
			catch (Throwable ex) {
				seen.set(ex);
			}
		});
		owner.start();
		ownerComputing.await();
		owner.interrupt();
		owner.join(10_000);
		assertThat(seen.get()).isInstanceOf(InterruptedException.class);
	}

	private static long depth(SingleFlightCache<?> cache, int n) {
		Object value = get(cache, new CacheKey(7, n), () -> (n == 0) ? 0L : 1 + depth(cache, n - 1));
		return (Long) value;
	}

	/** Waits until a second caller is parked on the key's computation. */
	private static void awaitWaiting(SingleFlightCache<?> cache) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (waitingThreads() == 0) {
			assertThat(System.nanoTime()).as("a caller waits within 10 s").isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	private static long waitingThreads() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.getState() == Thread.State.WAITING
					|| thread.getState() == Thread.State.TIMED_WAITING)
			.filter((thread) -> java.util.Arrays.stream(thread.getStackTrace())
				.anyMatch((frame) -> frame.getMethodName().equals("await")
						&& frame.getClassName().equals(Flights.class.getName())))
			.count();
	}

	private static Throwable runWithStack(long stackBytes, Runnable work) throws InterruptedException {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread thread = new Thread(null, () -> {
			try {
				work.run();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, "deep", stackBytes);
		thread.start();
		thread.join(TimeUnit.SECONDS.toMillis(60));
		assertThat(thread.isAlive()).as("the thread finished").isFalse();
		return failure.get();
	}

	private static Object get(SingleFlightCache<?> cache, Computation computation) {
		return get(cache, new CacheKey(0, 1), computation);
	}

	private static Object get(SingleFlightCache<?> cache, CacheKey key, Computation computation) {
		try {
			return cache.get(key, computation);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ResourceCache cache() {
		return new ResourceCache("test", CacheSettings.UNSET, new ResourceValidator.None(),
				new ResourceReleaser.None(), new ResourceIdentities());
	}

}
