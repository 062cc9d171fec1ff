package io.duocache.aop;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.framework.ProxyProcessorSupport;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.cache.interceptor.CacheOperationSource;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

import io.duocache.DuocacheConfiguration;
import io.duocache.InvalidCacheDeclarationException;
import io.duocache.config.Tier;
import io.duocache.tier.CacheRegistry;

/**
 * Wraps every bean that has {@code @CacheData} or {@code @CacheResource} methods in a proxy that
 * routes those methods through their caches. The {@link CachedMethodScanner} finds and checks the
 * declarations once per class, the {@link CachedMethodFactory} makes each one's cache when its bean is
 * created; a bean already proxied gets the advisor added among its others by order, so it runs inside
 * Spring Security's authorization interceptors and outside the transaction interceptor, and a bean
 * where it would not run inside them fails startup.
 */
public final class DuocacheBeanPostProcessor extends ProxyProcessorSupport
		implements SmartInstantiationAwareBeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

	/** The bean name of the Redis store, defined where the application has Redis. */
	public static final String REDIS_STORE = "duocacheRedisStore";

	private final CachedMethodScanner scanner = new CachedMethodScanner();

	private final Map<Class<?>, Boolean> candidates = new ConcurrentHashMap<>();

	private final Map<Class<?>, Class<?>> predictedTypes = new ConcurrentHashMap<>();

	private final SpringCacheTypes springCacheTypes = new SpringCacheTypes();

	private final SpringWrites springWrites = new SpringWrites();

	private final DeclaredCaches declaredCaches = new DeclaredCaches();

	private final List<Writer> writers = new CopyOnWriteArrayList<>();

	private static final Log logger = LogFactory.getLog(DuocacheBeanPostProcessor.class);

	private @Nullable CachedMethodFactory cachedMethods;

	private int advisorOrder = DuocacheConfiguration.DEFAULT_ORDER;

	/** The singletons advised so far, checked again once every singleton exists. */
	private final Map<String, AdvisedBean> advised = new ConcurrentHashMap<>();

	private volatile boolean singletonsInstantiated;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory,
				"Duocache needs a ConfigurableListableBeanFactory");
		this.cachedMethods = new CachedMethodFactory((ConfigurableListableBeanFactory) beanFactory);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof AopInfrastructureBean) {
			return bean;
		}
		Class<?> userClass = ClassUtils.getUserClass(AopProxyUtils.ultimateTargetClass(bean));
		this.springCacheTypes.declare(userClass, () -> cachedMethods().infrastructure().dataCaches());
		List<Class<?>> proxyInterfaces = RepositoryInterfaces.implementedByProxy(bean, userClass);
		Map<CacheDeclaration, Class<?>> declarations = declarations(userClass, proxyInterfaces);
		Map<Method, List<WriteOperation>> writeOperations = writeOperations(userClass, proxyInterfaces);
		if (declarations.isEmpty() && writeOperations.isEmpty()) {
			return bean;
		}
		boolean joinsProxy = bean instanceof Advised advised && !advised.isFrozen() && AopUtils.isAopProxy(bean);
		if (!joinsProxy && proxyInterfaces.isEmpty()) {
			CachedMethodScanner.checkSubclassable(userClass, List.copyOf(declarations.keySet()));
		}
		Map<Method, CachedMethod> methods = new HashMap<>();
		declarations.forEach((declaration, declaringType) -> {
			methods.put(declaration.method(), cachedMethods().create(declaration, declaringType, beanName));
			this.declaredCaches.add(declaration, registryOf(declaration));
		});
		Map<Method, WriteMethod> writes = new HashMap<>();
		writeOperations.forEach((method, operations) -> {
			String writer = userClass.getSimpleName() + "." + method.getName();
			writes.put(method, new WriteMethod(writer, operations, this.declaredCaches, cachedMethods().beanFactory(),
					conversionService()));
			if (!this.singletonsInstantiated) {
				this.writers.add(new Writer(writer, operations));
			}
		});
		Advisor advisor = advisor(userClass, new DuocacheInterceptor(userClass, methods, writes), this.advisorOrder);
		Object proxy;
		if (joinsProxy) {
			AdviceChain.join((Advised) bean, advisor);
			proxy = bean;
		}
		else {
			ProxyFactory proxyFactory = new ProxyFactory(bean);
			proxyFactory.setProxyTargetClass(true);
			proxyFactory.addAdvisor(advisor);
			proxy = proxyFactory.getProxy(proxyClassLoader(userClass));
		}
		AdviceChain.checkInsideAuthorization(beanName, proxy, advisor, userClass, methods.keySet());
		if (!this.singletonsInstantiated) {
			this.advised.put(beanName, new AdvisedBean(advisor, userClass, Set.copyOf(methods.keySet())));
		}
		return proxy;
	}

	/**
	 * Checks, once every singleton exists, that the proxies made around a cached bean after Duocache's
	 * own put no authorization interceptor inside its cache.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		this.singletonsInstantiated = true;
		ConfigurableListableBeanFactory beanFactory = cachedMethods().beanFactory();
		leaveDuocacheWritesToDuocache(beanFactory);
		this.advised.forEach((beanName, advised) -> {
			if (beanFactory.containsBean(beanName) && beanFactory.isSingleton(beanName)) {
				AdviceChain.checkInsideAuthorization(beanName, beanFactory.getBean(beanName), advised.advisor(),
						advised.targetClass(), advised.methods());
			}
		});
		this.advised.clear();
	}

	/**
	 * Takes the writes to Duocache's caches away from Spring's cache interceptors (with
	 * {@code @EnableCaching}), so the application's own cache manager never gets a cache of such a
	 * name; without one, warns of each write annotation that names no cache Duocache knows, since
	 * nothing carries it out.
	 */
	private void leaveDuocacheWritesToDuocache(ConfigurableListableBeanFactory beanFactory) {
		Map<String, CacheAspectSupport> springInterceptors = beanFactory.getBeansOfType(CacheAspectSupport.class,
				false, false);
		springInterceptors.values().forEach((interceptor) -> {
			CacheOperationSource source = interceptor.getCacheOperationSource();
			if (source != null && !(source instanceof DuocacheOwnedWrites)) {
				interceptor.setCacheOperationSource(new DuocacheOwnedWrites(source, this.declaredCaches));
			}
		});
		if (springInterceptors.isEmpty()) {
			for (Writer writer : this.writers) {
				for (WriteOperation operation : writer.operations()) {
					for (String cacheName : operation.cacheNames()) {
						if (!this.declaredCaches.declares(cacheName)) {
							logger.warn("@" + operation.annotation() + " on '" + writer.name() + "' names cache '"
									+ cacheName + "', which no @CacheData or @CacheResource method declares, and the "
									+ "application has no @EnableCaching: nothing writes to it. The caches Duocache "
									+ "knows: " + this.declaredCaches.names() + ".");
						}
					}
				}
			}
		}
		this.writers.clear();
	}

	/**
	 * Sets the order of Duocache's advisor among a bean's other advisors.
	 * @param advisorOrder the order, by default {@link DuocacheConfiguration#DEFAULT_ORDER}
	 */
	public void setAdvisorOrder(int advisorOrder) {
		this.advisorOrder = advisorOrder;
	}

	/**
	 * Returns the order of Duocache's advisor among a bean's other advisors.
	 * @return the order
	 */
	public int getAdvisorOrder() {
		return this.advisorOrder;
	}

	/**
	 * Predicts the class of the proxy a bean of a class with cached methods gets, as Spring's own
	 * advising post-processors do, so ahead-of-time processing generates it. The prediction is the
	 * very class {@link #postProcessAfterInitialization} uses later: same superclass, interfaces,
	 * advice type and pointcut text, which is what Spring's proxy class cache keys on.
	 */
	@Override
	public Class<?> determineBeanType(Class<?> beanClass, String beanName) {
		boolean predictable = !beanClass.isInterface() && !AopInfrastructureBean.class.isAssignableFrom(beanClass)
				&& !FactoryBean.class.isAssignableFrom(beanClass)
				&& !beanClass.getName().contains(ClassUtils.CGLIB_CLASS_SEPARATOR);
		if (!predictable || !this.candidates.computeIfAbsent(beanClass, this::isCandidate)) {
			return beanClass;
		}
		return this.predictedTypes.computeIfAbsent(beanClass, this::proxyClass);
	}

	private Class<?> proxyClass(Class<?> beanClass) {
		try {
			List<CacheDeclaration> declarations = this.scanner.scan(beanClass);
			if (declarations.isEmpty() && this.springWrites.of(beanClass).isEmpty()) {
				return beanClass;
			}
			CachedMethodScanner.checkSubclassable(beanClass, declarations);
		}
		catch (InvalidCacheDeclarationException ex) {
			// Reported with its bean when the bean is created.
			return beanClass;
		}
		ProxyFactory proxyFactory = new ProxyFactory();
		proxyFactory.setTargetClass(beanClass);
		proxyFactory.setInterfaces(ClassUtils.getAllInterfacesForClass(beanClass));
		proxyFactory.setProxyTargetClass(true);
		proxyFactory.addAdvisor(advisor(beanClass, new DuocacheInterceptor(beanClass, Map.of(), Map.of()), this.advisorOrder));
		return proxyFactory.getProxyClass(proxyClassLoader(beanClass));
	}

	/**
	 * Returns the advisor of a bean class's cached methods. Its advice type and pointcut text are what
	 * the proxy class predicted for the class shares with the proxy its bean gets.
	 */
	private static Advisor advisor(Class<?> userClass, DuocacheInterceptor interceptor, int order) {
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
				new CachedMethodsPointcut(userClass, interceptor::matches), interceptor);
		advisor.setOrder(order);
		return advisor;
	}

	/**
	 * Returns the cached methods of a bean, each with the type its generic signature is resolved
	 * against: those of its class (annotations found on the class, its superclasses and the
	 * interfaces it implements, the nearest winning), then those of the interfaces a JDK proxy
	 * implements for it (a Spring Data repository's query methods).
	 */
	private Map<CacheDeclaration, Class<?>> declarations(Class<?> userClass, List<Class<?>> proxyInterfaces) {
		Map<CacheDeclaration, Class<?>> declarations = new LinkedHashMap<>();
		if (this.candidates.computeIfAbsent(userClass, this::isCandidate)) {
			this.scanner.scan(userClass).forEach((declaration) -> declarations.put(declaration, userClass));
		}
		for (Class<?> proxyInterface : proxyInterfaces) {
			if (this.candidates.computeIfAbsent(proxyInterface, this::isCandidate)) {
				this.scanner.scan(proxyInterface).forEach((declaration) -> declarations.put(declaration, proxyInterface));
			}
		}
		return declarations;
	}

	/**
	 * Returns the loader to define the subclass proxy in: the bean class's own loader when the
	 * configured one differs, since a subclass of a package-private class must share its loader.
	 */
	private ClassLoader proxyClassLoader(Class<?> userClass) {
		ClassLoader configured = getProxyClassLoader();
		ClassLoader own = userClass.getClassLoader();
		return (own != null && own != configured) ? own : configured;
	}

	private record AdvisedBean(Advisor advisor, Class<?> targetClass, Set<Method> methods) {
	}

	/** A method with write annotations, remembered for the startup warning. */
	private record Writer(String name, List<WriteOperation> operations) {
	}

	private CacheRegistry<?> registryOf(CacheDeclaration declaration) {
		CachedMethodFactory.Infrastructure infrastructure = cachedMethods().infrastructure();
		return (declaration.tier() == Tier.DATA) ? infrastructure.dataCaches() : infrastructure.resourceCaches();
	}

	private ConversionService conversionService() {
		ConversionService conversion = cachedMethods().beanFactory().getConversionService();
		return (conversion != null) ? conversion : DefaultConversionService.getSharedInstance();
	}

	/**
	 * Returns the Spring write annotations of a bean's methods: those of its class, then those of the
	 * interfaces a JDK proxy implements for it.
	 */
	private Map<Method, List<WriteOperation>> writeOperations(Class<?> userClass, List<Class<?>> proxyInterfaces) {
		Map<Method, List<WriteOperation>> operations = new LinkedHashMap<>(this.springWrites.of(userClass));
		for (Class<?> proxyInterface : proxyInterfaces) {
			this.springWrites.of(proxyInterface).forEach(operations::putIfAbsent);
		}
		return operations;
	}

	private boolean isCandidate(Class<?> type) {
		return CachedMethodScanner.isCandidate(type) || !this.springWrites.of(type).isEmpty();
	}

	private CachedMethodFactory cachedMethods() {
		Assert.state(this.cachedMethods != null, "No BeanFactory set");
		return this.cachedMethods;
	}

}
