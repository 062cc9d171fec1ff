package io.duocache.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

import io.duocache.Persist;
import io.duocache.Refresh;
import io.duocache.ResourceReleaser;
import io.duocache.ResourceValidator;
import io.duocache.Scope;
import io.duocache.code.CodeHasher;
import io.duocache.config.CacheSettings;
import io.duocache.config.DuocacheSettings;
import io.duocache.data.DataCache;
import io.duocache.data.DataCaches;
import io.duocache.data.DataCodec;
import io.duocache.data.ShapeFingerprint;
import io.duocache.key.CacheKey;
import io.duocache.key.KeyHasher;
import io.duocache.key.ParamHashers;
import io.duocache.resource.ResourceCache;
import io.duocache.resource.ResourceCaches;
import io.duocache.store.EntryStore;
import io.duocache.store.disk.DiskEntryStore;
import io.duocache.tier.SessionCaches;
import io.duocache.tier.SingleFlightCache;
import io.duocache.config.Tier;

/**
 * Makes the cached method of each checked declaration: resolves its settings, code hash and return
 * type, plans how a data cache keeps its values (the type they are read back as, the store behind
 * memory), builds its key hasher from its parameters and hashers, and wires its cache into the
 * application's caches, stores and executors. Everything is looked up in the bean factory once.
 */
final class CachedMethodFactory {

	/** The name Spring Boot gives the application's task executor. */
	private static final String APPLICATION_TASK_EXECUTOR = "applicationTaskExecutor";

	private final ConfigurableListableBeanFactory beanFactory;

	private final CodeHasher codeHasher;

	private final Map<String, Method> cacheOwners = new ConcurrentHashMap<>();

	private volatile @Nullable Infrastructure infrastructure;

	private volatile @Nullable Executor refreshExecutor;

	CachedMethodFactory(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
		ClassLoader classLoader = beanFactory.getBeanClassLoader();
		this.codeHasher = CodeHasher.forApplication(
				(classLoader != null) ? classLoader : CachedMethodFactory.class.getClassLoader());
	}

	/**
	 * Returns the cached method of a declaration: its cache (created on first use, with the store and
	 * the executor of background refreshes it needs), its key hasher and its return kind.
	 * @param declaration the checked declaration
	 * @param declaringType the type its generic signature is resolved against
	 * @param beanName the bean the method belongs to; two beans of one class never share entries
	 * @return the cached method
	 * @throws io.duocache.InvalidCacheDeclarationException if the cache cannot be made as declared
	 */
	CachedMethod create(CacheDeclaration declaration, Class<?> declaringType, String beanName) {
		Method method = declaration.method();
		Method owner = this.cacheOwners.putIfAbsent(declaration.cacheName(), method);
		if (owner != null && !owner.equals(method)) {
			boolean overload = owner.getName().equals(method.getName());
			throw CachedMethodScanner.invalid(declaration.methodName(),
					"cache name '" + declaration.cacheName() + "' is already used by '"
							+ owner.getDeclaringClass().getSimpleName() + "." + owner.getName()
							+ (overload ? parameterList(owner) + "' (this one is '" + method.getName()
									+ parameterList(method) + "')" : "'"),
					"Give one of them another name, for example @CacheData(name = \"" + declaration.cacheName()
							+ "2\")" + (overload ? ", or give the overloads different method names." : "."));
		}
		Infrastructure infra = infrastructure();
		CacheSettings settings = infra.settings.resolve(declaration.cacheName(), declaration.tier(),
				declaration.settings());
		CacheKey codeHash = codeHash(method, declaringType, infra);
		ReturnKind returnKind = ReturnKind.of(method);
		ResolvableType returnType = returnKind.cachedType(ResolvableType.forMethodReturnType(method, declaringType));
		DataPlan data = (declaration.tier() == Tier.DATA) ? dataPlan(declaration, returnType, infra) : null;
		KeyHasher keyHasher = KeyHashers.forMethod(declaration, beanName, codeHash, (data != null) ? data.shape() : null,
				infra.paramHashers().overriddenBy(KeyHashers.annotationHashers(declaration, this::instantiate)),
				infra.resourceCaches.identities());
		SingleFlightCache<?> cache;
		Supplier<SingleFlightCache<?>> sessionCache;
		if (data != null) {
			cache = infra.dataCaches.cacheFor(declaration.cacheName(), declaration.methodName(), codeHash, settings,
					data.type(), data.store());
			infra.dataCaches.addKeyHasher(declaration.cacheName(), keyHasher);
			sessionCache = () -> new DataCache(declaration.cacheName(), settings, infra.dataCaches.codec(), data.type(),
					declaration.methodName(), EntryStore.NONE);
		}
		else {
			ResourceValidator validator = instantiate(declaration.validator(), ResourceValidator.class);
			ResourceReleaser releaser = instantiate(declaration.releaser(), ResourceReleaser.class);
			cache = infra.resourceCaches.cacheFor(declaration.cacheName(), declaration.methodName(), codeHash,
					settings, validator, releaser);
			infra.resourceCaches.addKeyHasher(declaration.cacheName(), keyHasher);
			sessionCache = () -> new ResourceCache(declaration.cacheName(), settings, validator, releaser,
					infra.resourceCaches.identities());
		}
		Executor refreshes = (declaration.refresh() == Refresh.BACKGROUND) ? refreshExecutor() : null;
		if (refreshes != null) {
			cache.refreshInBackground(settings.ttl(), refreshes);
		}
		SessionCaches sessions = null;
		if (declaration.scope() == Scope.SESSION) {
			checkSessionScope(declaration);
			sessions = new SessionCaches(cache, () -> {
				SingleFlightCache<?> created = sessionCache.get();
				if (refreshes != null) {
					created.refreshInBackground(settings.ttl(), refreshes);
				}
				return created;
			});
		}
		boolean tracksEntities = data != null && sessions == null && returnKind == ReturnKind.VALUE
				&& infra.settings.invalidatesOnEntityChange(declaration.cacheName());
		if (tracksEntities) {
			((DataCache) cache).invalidateOnEntityChange(infra.dataCaches.entityDependencies());
		}
		return new CachedMethod(cache, keyHasher, returnKind, declaration, sessions,
				tracksEntities ? infra.dataCaches.entityDependencies() : null);
	}

	/**
	 * Returns the code hash of a method: of its bytecode, or for a method without any (a repository
	 * query method) of its declaration and the shape of its repository's domain type, so a changed
	 * query or entity gets new entries.
	 */
	private CacheKey codeHash(Method method, Class<?> declaringType, Infrastructure infra) {
		if (!Modifier.isAbstract(method.getModifiers())) {
			return this.codeHasher.hash(method);
		}
		ResolvableType domainType = RepositoryInterfaces.domainType(declaringType);
		if (domainType == null) {
			return this.codeHasher.hashDeclaration(method);
		}
		TypeFactory typeFactory = infra.dataCaches.codec().mapper().getTypeFactory();
		return this.codeHasher.hashDeclaration(method, declaringType.getName(),
				ShapeFingerprint.of(javaType(domainType, typeFactory), typeFactory).toHex());
	}

	private static String parameterList(Method method) {
		return Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", ", "(", ")"));
	}

	/** Checks that a {@code scope = SESSION} cache is in an application with HTTP sessions. */
	private void checkSessionScope(CacheDeclaration declaration) {
		boolean web = ClassUtils.isPresent("org.springframework.web.context.request.RequestContextHolder",
				beanFactory().getBeanClassLoader()) && beanFactory().getRegisteredScope("session") != null;
		if (!web) {
			throw CachedMethodScanner.invalid(declaration.methodName(),
					"scope = SESSION keeps entries per HTTP session, but this is not a servlet web application "
							+ "(it has no session scope)",
					"Run it as a Spring MVC (servlet) web application, or declare the cache scope = GLOBAL.");
		}
	}

	/**
	 * Decides how a data cache keeps its values: the type they are read back as, the store behind
	 * memory, and for a store the shape fingerprint that goes into every key.
	 */
	private DataPlan dataPlan(CacheDeclaration declaration, ResolvableType returnType, Infrastructure infra) {
		DataCodec codec = infra.dataCaches.codec();
		TypeFactory typeFactory = codec.mapper().getTypeFactory();
		JavaType type = javaType(returnType, typeFactory);
		if (!DataCodec.isVague(type)) {
			String reason = codec.whyUnreadable(type);
			if (reason != null) {
				throw CachedMethodScanner.invalid(declaration.methodName(),
						"its return type " + type.toCanonical() + " can never be read back by Jackson (" + reason + ")",
						"Return a type Jackson can build (a record, or a class with a no-argument constructor), "
								+ "register a DataCodecCustomizer, or cache it as a shared instance with @CacheResource.");
			}
		}
		DuocacheSettings.PersistChoice choice = infra.settings.persist(declaration.cacheName(), declaration.persist());
		boolean perSession = declaration.scope() == Scope.SESSION;
		Persist persist = (perSession && choice.isDefault()) ? Persist.NONE : choice.persist();
		String source = choice.source();
		if (persist != Persist.NONE && perSession) {
			throw CachedMethodScanner.invalid(declaration.methodName(),
					"scope = SESSION keeps entries in memory, for as long as the session lasts, so they cannot "
							+ "persist (persist = " + persist + " from " + source + ")",
					"Remove the persist setting of this cache, or declare it scope = GLOBAL.");
		}
		if (persist == Persist.NONE) {
			return new DataPlan(type, EntryStore.NONE, null);
		}
		if (DataCodec.isVague(type)) {
			throw CachedMethodScanner.invalid(declaration.methodName(),
					"persist = " + persist + " (from " + source + ") needs a concrete declared return type to read "
							+ "entries back, but it is declared to return " + type.toCanonical(),
					"Declare the concrete type (for example List<Ride> rather than Object), or keep this cache in "
							+ "memory with persist = NONE.");
		}
		EntryStore store = store(persist, declaration, source);
		store.open();
		store.listen(infra.dataCaches);
		return new DataPlan(type, store, ShapeFingerprint.of(type, typeFactory));
	}

	/** Returns the store of a kind; the Redis store exists only where the application has Redis. */
	private EntryStore store(Persist persist, CacheDeclaration declaration, String source) {
		if (persist == Persist.DISK) {
			return beanFactory().getBean(DiskEntryStore.class);
		}
		if (!beanFactory().containsBean(DuocacheBeanPostProcessor.REDIS_STORE)) {
			throw CachedMethodScanner.invalid(declaration.methodName(),
					"persist = REDIS (from " + source + ") needs Redis, but the application has no "
							+ "RedisConnectionFactory",
					"Add spring-boot-starter-data-redis and set spring.data.redis.host (or define a "
							+ "RedisConnectionFactory bean), or choose persist = DISK or NONE.");
		}
		return beanFactory().getBean(DuocacheBeanPostProcessor.REDIS_STORE, EntryStore.class);
	}

	static JavaType javaType(ResolvableType type, TypeFactory typeFactory) {
		if (type.isArray()) {
			return typeFactory.constructArrayType(javaType(type.getComponentType(), typeFactory));
		}
		Class<?> raw = type.toClass();
		if (!type.hasGenerics()) {
			return typeFactory.constructType(raw);
		}
		JavaType[] generics = Arrays.stream(type.getGenerics())
			.map((generic) -> javaType(generic, typeFactory))
			.toArray(JavaType[]::new);
		return typeFactory.constructParametricType(raw, generics);
	}

	@SuppressWarnings("unchecked")
	private <T> T instantiate(Class<?> type, Class<? super T> contract) {
		ConfigurableListableBeanFactory factory = beanFactory();
		Object instance = factory.getBeanProvider(type).getIfUnique();
		if (instance == null) {
			instance = factory.createBean(type);
		}
		return (T) contract.cast(instance);
	}

	/**
	 * Returns where background refreshes run: the application's task executor (Spring Boot's
	 * {@code applicationTaskExecutor}, on virtual threads where they are enabled), else a small pool
	 * of Duocache's own.
	 */
	private Executor refreshExecutor() {
		Executor executor = this.refreshExecutor;
		if (executor == null) {
			ConfigurableListableBeanFactory factory = beanFactory();
			executor = factory.containsBean(APPLICATION_TASK_EXECUTOR)
					? factory.getBean(APPLICATION_TASK_EXECUTOR, Executor.class) : ownRefreshPool();
			this.refreshExecutor = executor;
		}
		return executor;
	}

	private static Executor ownRefreshPool() {
		AtomicInteger threads = new AtomicInteger();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000),
				(task) -> {
					Thread thread = new Thread(task, "duocache-refresh-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	/** Returns the caches, settings and hashers of the application, looked up once. */
	Infrastructure infrastructure() {
		Infrastructure infra = this.infrastructure;
		if (infra == null) {
			ConfigurableListableBeanFactory factory = beanFactory();
			infra = new Infrastructure(factory.getBean(DataCaches.class), factory.getBean(ResourceCaches.class),
					factory.getBeanProvider(DuocacheSettings.class).getIfAvailable(DuocacheSettings::defaults),
					KeyHashers.applicationHashers(factory));
			this.infrastructure = infra;
		}
		return infra;
	}

	/**
	 * How a data cache keeps its values.
	 *
	 * @param type the type values are read back as
	 * @param store the store behind memory
	 * @param shape the fingerprint of the type's shape, for caches with a store
	 */
	private record DataPlan(JavaType type, EntryStore store, @Nullable CacheKey shape) {
	}

	record Infrastructure(DataCaches dataCaches, ResourceCaches resourceCaches, DuocacheSettings settings,
			ParamHashers paramHashers) {
	}

	ConfigurableListableBeanFactory beanFactory() {
		return this.beanFactory;
	}

}
