package io.duocache.data;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostCommitDeleteEventListener;
import org.hibernate.event.spi.PostCommitInsertEventListener;
import org.hibernate.event.spi.PostCommitUpdateEventListener;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostLoadEvent;
import org.hibernate.event.spi.PostLoadEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Hibernate's side of entries that know their entities: every entity loaded while a cached method
 * computes is recorded on the computing thread, and every committed update, delete and insert
 * invalidates the entries that depend on it. Loaded only with Hibernate on the class path.
 */
public final class HibernateEntityEvents implements Integrator, PostLoadEventListener, PostCommitUpdateEventListener,
		PostCommitDeleteEventListener, PostCommitInsertEventListener {

	private final EntityDependencies dependencies;

	/**
	 * Creates the listeners.
	 * @param dependencies the entries' records, which the listeners invalidate
	 */
	public HibernateEntityEvents(EntityDependencies dependencies) {
		this.dependencies = dependencies;
	}

	@Override
	public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
			SessionFactoryImplementor sessionFactory) {
		EventListenerRegistry listeners = sessionFactory.getServiceRegistry().getService(EventListenerRegistry.class);
		listeners.appendListeners(EventType.POST_LOAD, this);
		listeners.appendListeners(EventType.POST_COMMIT_UPDATE, this);
		listeners.appendListeners(EventType.POST_COMMIT_DELETE, this);
		listeners.appendListeners(EventType.POST_COMMIT_INSERT, this);
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
		this.dependencies.inserted(event.getPersister().getEntityName());
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

}
