package io.duocache.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.duocache.key.CacheKey;
import io.duocache.store.EntryStore;
import io.duocache.store.StoreUnavailableException;
import io.duocache.store.StoredEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The cross-instance lease step alone, against a store whose answers the test scripts: who computes
 * a missing key, how long the others wait, and who refreshes a stale one.
 */
class LeaseStepTests {

	private static final CacheKey KEY = new CacheKey(1, 2);

	private static final StoredEntry STORED = new StoredEntry(new byte[] { 1 }, Instant.now(), null);

	@Test
	void aStoredEntryIsReturnedWithoutTakingTheLease() {
		ScriptedStore store = new ScriptedStore(Duration.ofSeconds(5));
		store.loads.add(STORED);
		assertThat(new LeaseStep("c", store, new StoreCounters()).loadOrLead(KEY)).isSameAs(STORED);
		assertThat(store.leadsAsked).isZero();
	}

	@Test
	void theCallerThatGetsTheLeaseComputesOnceItReadTheKeyAgain() {
		ScriptedStore store = new ScriptedStore(Duration.ofSeconds(5));
		store.leads.add(true);
		assertThat(new LeaseStep("c", store, new StoreCounters()).loadOrLead(KEY)).isNull();
		assertThat(store.loadsAsked).isEqualTo(2);
		assertThat(store.abandoned).isEmpty();
	}

	@Test
	void anEntryStoredBetweenTheReadAndTheLeaseIsUsedAndTheLeaseGivenBack() {
		ScriptedStore store = new ScriptedStore(Duration.ofSeconds(5));
		store.loads.add(null);
		store.loads.add(STORED);
		store.leads.add(true);
		assertThat(new LeaseStep("c", store, new StoreCounters()).loadOrLead(KEY)).isSameAs(STORED);
		assertThat(store.abandoned).containsExactly(KEY);
	}

	@Test
	void aStoreNoOtherInstanceSharesIsReadOnce() {
		ScriptedStore store = new ScriptedStore(Duration.ZERO);
		assertThat(new LeaseStep("c", store, new StoreCounters()).loadOrLead(KEY)).isNull();
		assertThat(store.loadsAsked).isEqualTo(1);
	}

	@Test
	void aCallerWithoutTheLeaseWaitsForTheLeaseholdersEntry() {
		ScriptedStore store = new ScriptedStore(Duration.ofSeconds(5));
		store.loads.add(null);
		store.loads.add(null);
		store.loads.add(STORED);
		store.leads.add(false);
		store.leads.add(false);
		assertThat(new LeaseStep("c", store, new StoreCounters()).loadOrLead(KEY)).isSameAs(STORED);
		assertThat(store.loadsAsked).isEqualTo(3);
	}

	@Test
	void aWaitingCallerLooksAgainAfterALookThatFailedAndGetsTheLeaseholdersEntry() {
		ScriptedStore store = new ScriptedStore(Duration.ofSeconds(5));
		store.loads.add(null);
		store.loads.add(STORED);
		store.leads.add(false);
		store.failingLoads.add(2);
		assertThat(new LeaseStep("c", store, new StoreCounters()).loadOrLead(KEY)).isSameAs(STORED);
		assertThat(store.loadsAsked).isEqualTo(3);
	}

	@Test
	void threeFailedLooksInARowEndTheWait() {
		ScriptedStore store = new ScriptedStore(Duration.ofSeconds(5));
		store.leads.add(false);
		store.failingLoads.addAll(List.of(2, 3, 4));
		assertThatExceptionOfType(StoreUnavailableException.class)
			.isThrownBy(() -> new LeaseStep("c", store, new StoreCounters()).loadOrLead(KEY));
		assertThat(store.loadsAsked).isEqualTo(4);
	}

	@Test
	void aCallerWithoutTheLeaseComputesItselfOnceTheWaitRunsOut() {
		ScriptedStore store = new ScriptedStore(Duration.ZERO);
		store.leads.add(false);
		assertThat(new LeaseStep("c", store, new StoreCounters()).loadOrLead(KEY)).isNull();
		assertThat(store.loadsAsked).isEqualTo(1);
	}

	@Test
	void aRefreshUsesAnEntryStoredSinceTheStaleCopyWasWritten() {
		ScriptedStore store = new ScriptedStore(Duration.ZERO);
		store.loads.add(STORED);
		LeaseStep.RefreshLead lead = new LeaseStep("c", store, new StoreCounters()).leadRefresh(KEY, STORED.writtenAt().minusSeconds(1));
		assertThat(lead.compute()).isFalse();
		assertThat(lead.newer()).isSameAs(STORED);
	}

	@Test
	void aRefreshUsesAnEntryStoredBetweenItsReadAndItsLease() {
		ScriptedStore store = new ScriptedStore(Duration.ofSeconds(5));
		StoredEntry stale = new StoredEntry(new byte[] { 0 }, STORED.writtenAt().minusSeconds(5), null);
		store.loads.add(stale);
		store.loads.add(STORED);
		store.leads.add(true);
		LeaseStep.RefreshLead lead = new LeaseStep("c", store, new StoreCounters()).leadRefresh(KEY, stale.writtenAt());
		assertThat(lead.compute()).isFalse();
		assertThat(lead.newer()).isSameAs(STORED);
		assertThat(store.abandoned).containsExactly(KEY);
	}

	@Test
	void aRefreshIsComputedByTheLeaseholderOnlyAndTheOthersForgetWhatTheyRead() {
		ScriptedStore store = new ScriptedStore(Duration.ZERO);
		store.loads.add(STORED);
		store.leads.add(true);
		assertThat(new LeaseStep("c", store, new StoreCounters()).leadRefresh(KEY, STORED.writtenAt()).compute()).isTrue();
		store.loads.add(null);
		store.leads.add(false);
		LeaseStep.RefreshLead elsewhere = new LeaseStep("c", store, new StoreCounters()).leadRefresh(KEY, STORED.writtenAt());
		assertThat(elsewhere.compute()).isFalse();
		assertThat(elsewhere.newer()).isNull();
		assertThat(store.abandoned).containsExactly(KEY);
	}

	/** A store that answers loads and lease requests from queues the test fills, and records the rest. */
	private static final class ScriptedStore implements EntryStore {

		/** Null stands for an absent entry, which an {@code ArrayDeque} cannot hold. */
		final Deque<@Nullable StoredEntry> loads = new LinkedList<>();

		final Deque<Boolean> leads = new ArrayDeque<>();

		final List<CacheKey> abandoned = new ArrayList<>();

		/** The loads, counted from 1, that fail as a timed-out read does. */
		final Set<Integer> failingLoads = new HashSet<>();

		final Duration leaseWait;

		int loadsAsked;

		int leadsAsked;

		ScriptedStore(Duration leaseWait) {
			this.leaseWait = leaseWait;
		}

		@Override
		public @Nullable StoredEntry load(String cacheName, CacheKey key) {
			this.loadsAsked++;
			if (this.failingLoads.contains(this.loadsAsked)) {
				throw new StoreUnavailableException("no answer within the timeout", null);
			}
			return this.loads.isEmpty() ? null : this.loads.poll();
		}

		@Override
		public boolean lead(String cacheName, CacheKey key) {
			this.leadsAsked++;
			return this.leads.isEmpty() || this.leads.poll();
		}

		@Override
		public Duration leaseWait() {
			return this.leaseWait;
		}

		@Override
		public void abandon(String cacheName, CacheKey key) {
			this.abandoned.add(key);
		}

		@Override
		public void save(String cacheName, CacheKey key, StoredEntry entry) {
		}

		@Override
		public void remove(String cacheName, CacheKey key) {
		}

		@Override
		public void clear(String cacheName) {
		}

		@Override
		public String name() {
			return "scripted";
		}

	}

}
