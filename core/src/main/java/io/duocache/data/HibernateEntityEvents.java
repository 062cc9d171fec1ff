package io.duocache.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import org.hibernate.Hibernate;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerGroup;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.AutoFlushEventListener;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.FlushEventListener;
import org.hibernate.event.spi.PostCommitDeleteEventListener;
import org.hibernate.event.spi.PostCommitInsertEventListener;
import org.hibernate.event.spi.PostCommitUpdateEventListener;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostLoadEvent;
import org.hibernate.event.spi.PostLoadEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Hibernate's side of entries that know their entities: every entity loaded while a cached method
 * computes is recorded on the computing thread, with the entity types of the tables its queries
 * read; every update, delete and insert a transaction flushes hides the entries it reaches from that
 * transaction, and invalidates them once it commits; a bulk statement (HQL or SQL {@code update},
 * {@code delete}, {@code insert}, run outside a flush) does the same for every entry over the types of
 * the tables it writes. Loaded only with Hibernate on the class path; the statement inspector is
 * installed as {@code hibernate.session_factory.statement_inspector}, in front of the application's.
 */
public final class HibernateEntityEvents implements Integrator, PostLoadEventListener, PostCommitUpdateEventListener,
		PostCommitDeleteEventListener, PostCommitInsertEventListener, StatementInspector {

	/** How deep the calling thread is in Hibernate's flushes, where statements are entity changes. */
	private static final ThreadLocal<int[]> FLUSHING = ThreadLocal.withInitial(() -> new int[1]);

	private final EntityDependencies dependencies;

	private final @Nullable StatementInspector applications;

	private final List<SessionFactoryImplementor> sessionFactories = new CopyOnWriteArrayList<>();

	/** The entity types by the (lower-case) name of each table they are stored in, once read. */
	private volatile @Nullable Map<String, Set<String>> entitiesByTable;

	/**
	 * Creates the listeners.
	 * @param dependencies the entries' records, which the listeners invalidate
	 * @param applications the application's own statement inspector, which runs first, or {@code null}
	 */
	public HibernateEntityEvents(EntityDependencies dependencies, @Nullable StatementInspector applications) {
		this.dependencies = dependencies;
		this.applications = applications;
	}

	@Override
	public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
			SessionFactoryImplementor sessionFactory) {
		EventListenerRegistry listeners = sessionFactory.getServiceRegistry().getService(EventListenerRegistry.class);
		listeners.appendListeners(EventType.POST_LOAD, this);
		listeners.appendListeners(EventType.POST_COMMIT_UPDATE, this);
		listeners.appendListeners(EventType.POST_COMMIT_DELETE, this);
		listeners.appendListeners(EventType.POST_COMMIT_INSERT, this);
		Flushed flushed = new Flushed(this.dependencies);
		listeners.appendListeners(EventType.POST_UPDATE, flushed);
		listeners.appendListeners(EventType.POST_DELETE, flushed);
		listeners.appendListeners(EventType.POST_INSERT, flushed);
		inFlushScope(listeners.getEventListenerGroup(EventType.FLUSH),
				(originals) -> (FlushEventListener) (event) -> flushing(() -> originals.forEach((original) -> original.onFlush(event))));
		inFlushScope(listeners.getEventListenerGroup(EventType.AUTO_FLUSH),
				(originals) -> (AutoFlushEventListener) (event) -> flushing(
						() -> originals.forEach((original) -> original.onAutoFlush(event))));
		this.sessionFactories.add(sessionFactory);
		EntityLoads.identifyWith(new Identities(sessionFactory));
	}

	@Override
	public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
		this.sessionFactories.remove(sessionFactory);
		EntityLoads.forget((identities) -> identities instanceof Identities mine && mine.sessionFactory == sessionFactory);
	}

	/** The entity types by table, read from the metamodels once they exist (after the integration). */
	private Map<String, Set<String>> entitiesByTable() {
		Map<String, Set<String>> byTable = this.entitiesByTable;
		if (byTable == null) {
			Map<String, Set<String>> read = new HashMap<>();
			this.sessionFactories.forEach((sessionFactory) -> sessionFactory.getMappingMetamodel()
				.forEachEntityDescriptor((persister) -> {
					for (Object table : persister.getQuerySpaces()) {
						read.computeIfAbsent(tableName(table.toString()), (name) -> new HashSet<>())
							.add(persister.getEntityName());
					}
				}));
			byTable = Map.copyOf(read);
			this.entitiesByTable = byTable;
		}
		return byTable;
	}

	/** Puts one listener in place of a group's, that runs them with the thread marked as flushing. */
	private static <T> void inFlushScope(EventListenerGroup<T> group, Function<List<T>, T> scope) {
		List<T> originals = new ArrayList<>();
		group.listeners().forEach(originals::add);
		group.clearListeners();
		group.appendListener(scope.apply(List.copyOf(originals)));
	}

	private static void flushing(Runnable flush) {
		int[] depth = FLUSHING.get();
		depth[0]++;
		try {
			flush.run();
		}
		finally {
			depth[0]--;
		}
	}

	@Override
	public @Nullable String inspect(String sql) {
		String inspected = (this.applications != null) ? this.applications.inspect(sql) : sql;
		if (inspected == null) {
			return null;
		}
		Statement statement = Statement.of(inspected);
		if (statement == Statement.READ && EntityLoads.recording()) {
			tablesOf(inspected, EntityLoads::queried);
		}
		else if (statement == Statement.WRITE && FLUSHING.get()[0] == 0) {
			Set<String> written = new HashSet<>();
			tablesOf(inspected, written::add);
			if (!written.isEmpty()) {
				this.dependencies.bulkChanged(written);
			}
		}
		return inspected;
	}

	/** Hands the entity type of every table a statement names to {@code entityNames}. */
	private void tablesOf(String sql, Consumer<String> entityNames) {
		Map<String, Set<String>> byTable = entitiesByTable();
		int length = sql.length();
		int start = -1;
		for (int i = 0; i <= length; i++) {
			boolean word = i < length && isWordPart(sql.charAt(i));
			if (word && start < 0) {
				start = i;
			}
			else if (!word && start >= 0) {
				Set<String> entities = byTable.get(sql.substring(start, i).toLowerCase(Locale.ROOT));
				if (entities != null) {
					entities.forEach(entityNames);
				}
				start = -1;
			}
		}
	}

	private static boolean isWordPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$';
	}

	private static String tableName(String querySpace) {
		String unquoted = querySpace.replace("\"", "").replace("`", "").replace("[", "").replace("]", "");
		int dot = unquoted.lastIndexOf('.');
		return unquoted.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	@Override
	public void onPostLoad(PostLoadEvent event) {
		EntityLoads.loaded(event.getPersister().getEntityName(), event.getId());
	}

	@Override
	public void onPostUpdate(PostUpdateEvent event) {
		this.dependencies.changed(event.getPersister().getEntityName(), event.getId());
	}

	@Override
	public void onPostDelete(PostDeleteEvent event) {
		this.dependencies.changed(event.getPersister().getEntityName(), event.getId());
	}

	@Override
	public void onPostInsert(PostInsertEvent event) {
		this.dependencies.typeChanged(event.getPersister().getEntityName());
	}

	@Override
	public boolean requiresPostCommitHandling(EntityPersister persister) {
		return true;
	}

	@Override
	public void onPostUpdateCommitFailed(PostUpdateEvent event) {
		// Not committed: nothing changed that a cache could have read.
	}

	@Override
	public void onPostDeleteCommitFailed(PostDeleteEvent event) {
		// Not committed.
	}

	@Override
	public void onPostInsertCommitFailed(PostInsertEvent event) {
		// Not committed.
	}

	/** What a statement does to the tables it names. */
	enum Statement {

		READ, WRITE, OTHER;

		static Statement of(String sql) {
			int i = 0;
			int length = sql.length();
			while (i < length) {
				char c = sql.charAt(i);
				if (Character.isWhitespace(c) || c == '(') {
					i++;
				}
				else if (sql.startsWith("/*", i)) {
					int end = sql.indexOf("*/", i + 2);
					i = (end < 0) ? length : end + 2;
				}
				else if (sql.startsWith("--", i)) {
					int end = sql.indexOf('\n', i);
					i = (end < 0) ? length : end + 1;
				}
				else {
					break;
				}
			}
			if (startsWithWord(sql, i, "select") || startsWithWord(sql, i, "with")) {
				return READ;
			}
			if (startsWithWord(sql, i, "update") || startsWithWord(sql, i, "delete") || startsWithWord(sql, i, "insert")
					|| startsWithWord(sql, i, "merge")) {
				return WRITE;
			}
			return OTHER;
		}

		private static boolean startsWithWord(String sql, int at, String word) {
			return sql.regionMatches(true, at, word, 0, word.length())
					&& (at + word.length() == sql.length() || !isWordPart(sql.charAt(at + word.length())));
		}

	}

	/** The changes a transaction flushes, which hide the entries they reach from it until it commits. */
	private static final class Flushed
			implements PostUpdateEventListener, PostDeleteEventListener, PostInsertEventListener {

		private final EntityDependencies dependencies;

		Flushed(EntityDependencies dependencies) {
			this.dependencies = dependencies;
		}

		@Override
		public void onPostUpdate(PostUpdateEvent event) {
			this.dependencies.flushed(event.getPersister().getEntityName(), event.getId());
		}

		@Override
		public void onPostDelete(PostDeleteEvent event) {
			this.dependencies.flushed(event.getPersister().getEntityName(), event.getId());
		}

		@Override
		public void onPostInsert(PostInsertEvent event) {
			this.dependencies.flushed(event.getPersister().getEntityName(), null);
		}

		@Override
		public boolean requiresPostCommitHandling(EntityPersister persister) {
			return false;
		}

	}

	/** Names and identifies the entity objects of one session factory. */
	private static final class Identities implements EntityLoads.Identities {

		private final SessionFactoryImplementor sessionFactory;

		Identities(SessionFactoryImplementor sessionFactory) {
			this.sessionFactory = sessionFactory;
		}

		@Override
		public @Nullable String entityName(Object entity) {
			EntityPersister persister = this.sessionFactory.getMappingMetamodel()
				.findEntityDescriptor(Hibernate.getClassLazy(entity));
			return (persister != null) ? persister.getEntityName() : null;
		}

		@Override
		public @Nullable Object id(Object entity) {
			return this.sessionFactory.getPersistenceUnitUtil().getIdentifier(entity);
		}

	}

}
