package io.duocache.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.hibernate.integrator.spi.Integrator;
import org.hibernate.jpa.boot.spi.IntegratorProvider;
import org.hibernate.jpa.boot.spi.JpaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.framework.Advised;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

import io.duocache.CacheData;
import io.duocache.CacheDataManager;
import io.duocache.CacheInfo;
import io.duocache.CacheResource;
import io.duocache.CacheResourceManager;
import io.duocache.DataCodecCustomizer;
import io.duocache.DuocacheConfiguration;
import io.duocache.aop.DuocacheBeanPostProcessor;
import io.duocache.config.DuocacheSettings;
import io.duocache.data.DataCodec;
import io.duocache.data.HibernateEntityEvents;
import io.duocache.data.DataCaches;
import io.duocache.store.disk.DiskStoreSettings;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DuocacheAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DuocacheAutoConfiguration.class))
		.withUserConfiguration(Services.class);

	@Test
	void providesTheManagersAndCachesAnnotatedBeansByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(CacheDataManager.class)
				.hasSingleBean(CacheResourceManager.class)
				.hasSingleBean(DuocacheBeanPostProcessor.class)
				.hasSingleBean(DataCodec.class)
				.hasSingleBean(DuocacheSettings.class);
			assertThat(context).hasBean("cacheDataManager").hasBean("cacheResourceManager");
			Rides rides = context.getBean(Rides.class);
			rides.load("nyc").add("mutated");
			assertThat(rides.load("nyc")).containsExactly("nyc");
			assertThat(rides.computations()).isEqualTo(1);
			assertThat(context.getBean(Rides.class).client()).isSameAs(rides.client());
		});
	}

	@Test
	void ordersItsAdvisorInsideMethodSecurityAndOutsideTransactionsByDefault() {
		this.runner.run((context) -> assertThat(context.getBean(DuocacheBeanPostProcessor.class).getAdvisorOrder())
			.isEqualTo(DuocacheConfiguration.DEFAULT_ORDER)
			.isEqualTo(Ordered.LOWEST_PRECEDENCE - 100));
	}

	@Test
	void takesTheOrderOfItsAdvisorFromTheProperty() {
		this.runner.withPropertyValues("duocache.order=1000").run((context) -> {
			assertThat(context.getBean(DuocacheBeanPostProcessor.class).getAdvisorOrder()).isEqualTo(1000);
			Rides rides = context.getBean(Rides.class);
			assertThat(((Advised) rides).getAdvisors()).singleElement()
				.satisfies((advisor) -> assertThat(((Ordered) advisor).getOrder()).isEqualTo(1000));
		});
	}

	@Test
	void bindsTheEntityInvalidationSwitchesAndRegistersHibernatesEvents() {
		this.runner
			.withPropertyValues("duocache.data.invalidate-on-entity-change=true",
					"duocache.caches.[Rides.load].invalidate-on-entity-change=false")
			.run((context) -> {
				DuocacheSettings settings = context.getBean(DuocacheSettings.class);
				assertThat(settings.invalidatesOnEntityChange("Rides.load")).isFalse();
				assertThat(settings.invalidatesOnEntityChange("Other.cache")).isTrue();
				assertThat(context).hasBean("duocacheEntityEvents");
				Map<String, Object> hibernateProperties = new HashMap<>();
				context.getBean(HibernatePropertiesCustomizer.class).customize(hibernateProperties);
				assertThat(((IntegratorProvider) hibernateProperties.get(JpaSettings.INTEGRATOR_PROVIDER))
					.getIntegrators()).singleElement().isInstanceOf(HibernateEntityEvents.class);
			});
	}

	@Test
	void leavesEntityInvalidationOffByDefaultAndOutWithoutHibernate() {
		this.runner.run((context) -> assertThat(context.getBean(DuocacheSettings.class)
			.invalidatesOnEntityChange("Rides.load")).isFalse());
		this.runner.withClassLoader(new FilteredClassLoader(Integrator.class))
			.run((context) -> assertThat(context).doesNotHaveBean("duocacheEntityEvents"));
	}

	@Test
	void switchesOffWithEnabledFalse() {
		this.runner.withPropertyValues("duocache.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(CacheDataManager.class)
				.doesNotHaveBean(CacheResourceManager.class)
				.doesNotHaveBean(DuocacheBeanPostProcessor.class);
			Rides rides = context.getBean(Rides.class);
			rides.load("nyc");
			rides.load("nyc");
			assertThat(rides.computations()).isEqualTo(2);
		});
	}

	@Test
	void usesTheApplicationsCodecAndSettings() {
		this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).getBeans(CacheDataManager.class).hasSize(1);
			assertThat(context).getBeans(CacheResourceManager.class).hasSize(1);
			assertThat(context.getBean(DataCaches.class).codec()).isSameAs(context.getBean("userCodec"));
			assertThat(context.getBean(DataCodec.class)).isSameAs(context.getBean("userCodec"));
			assertThat(context.getBean(DuocacheSettings.class)).isSameAs(context.getBean("userSettings"));
		});
	}

	@Test
	void failsStartupForADottedCacheNameWithoutBracketsNamingTheFix() {
		this.runner.withPropertyValues("duocache.caches.Library.books.ttl=5m").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new DuocacheFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("duocache.caches.Library.books.ttl")
				.contains("duocache.caches.[Library.books].ttl");
		});
	}

	@Test
	void acceptsABracketedDottedCacheName() {
		this.runner.withPropertyValues("duocache.caches.[Rides.load].ttl=5m").run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(Rides.class).load("nyc");
			assertThat(dataInfo(context, "Rides.load").ttl()).isEqualTo(Duration.ofMinutes(5));
		});
	}

	@Test
	void persistsOneCacheToDiskFromItsOwnProperty(@TempDir Path folder) {
		this.runner
			.withPropertyValues("duocache.caches.[Rides.load].persist=disk", "duocache.persist.directory=" + folder)
			.run((context) -> {
				context.getBean(Rides.class).load("nyc");
				assertThat(dataInfo(context, "Rides.load").persist()).isEqualTo("disk");
				assertThat(dataInfo(context, "Rides.load").storeEntries()).isEqualTo(1);
			});
	}

	@Test
	void signsDiskEntriesWithTheRedisSigningKeyWhereItIsSet(@TempDir Path folder) {
		String key = "s".repeat(32);
		this.runner
			.withPropertyValues("duocache.caches.[Rides.load].persist=disk", "duocache.persist.directory=" + folder,
					"duocache.redis.signing-key=" + key)
			.run((context) -> {
				assertThat(context.getBean(DiskStoreSettings.class).signingKey()).isEqualTo(key);
				context.getBean(Rides.class).load("nyc");
				assertThat(dataInfo(context, "Rides.load").storeEntries()).isEqualTo(1);
				assertThat(folder.resolve("signing.key")).doesNotExist();
			});
	}

	@Test
	void signsDiskEntriesWithAKeyOfTheFolderByDefault(@TempDir Path folder) {
		this.runner
			.withPropertyValues("duocache.caches.[Rides.load].persist=disk", "duocache.persist.directory=" + folder)
			.run((context) -> {
				assertThat(context.getBean(DiskStoreSettings.class).signingKey()).isNull();
				context.getBean(Rides.class).load("nyc");
				assertThat(folder.resolve("signing.key")).isRegularFile();
			});
	}

	@Test
	void reportsAnUnusableDiskFolderNamingThePropertyAndThePath(@TempDir Path folder) throws Exception {
		Path file = java.nio.file.Files.writeString(folder.resolve("file"), "x");
		this.runner
			.withPropertyValues("duocache.caches.[Rides.load].persist=disk",
					"duocache.persist.directory=" + file.resolve("cache"))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new DuocacheFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("duocache.persist.directory")
					.contains(file.resolve("cache").toString());
			});
	}

	@Test
	void injectsBothManagersByTypeAndByName() {
		this.runner.withUserConfiguration(ManagerUsers.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ManagerUser user = context.getBean(ManagerUser.class);
			assertThat(user.data).isSameAs(context.getBean("cacheDataManager"));
			assertThat(user.resources).isSameAs(context.getBean("cacheResourceManager"));
		});
	}

	@Test
	void backsOffFromAUserBeanPostProcessor() {
		this.runner.withUserConfiguration(UserPostProcessor.class)
			.run((context) -> assertThat(context).getBeans(DuocacheBeanPostProcessor.class)
				.containsOnlyKeys("userPostProcessor"));
	}

	@Test
	void appliesDataDefaults() {
		this.runner.withPropertyValues("duocache.data.ttl=90", "duocache.data.max-entries=500",
				"duocache.data.max-size=64MB")
			.run((context) -> {
				context.getBean(Rides.class).load("nyc");
				CacheInfo info = dataInfo(context, "Rides.load");
				assertThat(info.ttl()).isEqualTo(Duration.ofSeconds(90));
				assertThat(info.maxEntries()).isEqualTo(500);
				assertThat(info.maxSize()).isEqualTo(DataSize.ofMegabytes(64).toBytes());
			});
	}

	@Test
	void appliesResourceDefaults() {
		this.runner.withPropertyValues("duocache.resource.ttl=12h", "duocache.resource.max-entries=3")
			.run((context) -> {
				CacheInfo info = context.getBean(CacheResourceManager.class).info("Rides.client");
				assertThat(info.ttl()).isEqualTo(Duration.ofHours(12));
				assertThat(info.maxEntries()).isEqualTo(3);
			});
	}

	@Test
	void letsTheAnnotationWinOverTheTierDefault() {
		this.runner.withPropertyValues("duocache.data.ttl=1h", "duocache.data.max-entries=500")
			.run((context) -> {
				CacheInfo info = dataInfo(context, "tuned");
				assertThat(info.ttl()).isEqualTo(Duration.ofMinutes(5));
				assertThat(info.maxEntries()).isEqualTo(20);
			});
	}

	@Test
	void letsPerCacheSettingsWinOverTheAnnotation() {
		this.runner.withPropertyValues("duocache.data.ttl=1h", "duocache.caches.tuned.ttl=10m",
				"duocache.caches.tuned.max-entries=7")
			.run((context) -> {
				CacheInfo info = dataInfo(context, "tuned");
				assertThat(info.ttl()).isEqualTo(Duration.ofMinutes(10));
				assertThat(info.maxEntries()).isEqualTo(7);
			});
	}

	@Test
	void acceptsBracketedDefaultCacheNames() {
		this.runner.withPropertyValues("duocache.caches.[Rides.load].max-size=1MB",
				"duocache.caches.[Rides.load].ttl=PT30S")
			.run((context) -> {
				CacheInfo info = dataInfo(context, "Rides.load");
				assertThat(info.maxSize()).isEqualTo(DataSize.ofMegabytes(1).toBytes());
				assertThat(info.ttl()).isEqualTo(Duration.ofSeconds(30));
			});
	}

	@Test
	void warnsAboutSettingsForACacheThatDoesNotExist(CapturedOutput output) {
		this.runner.withPropertyValues("duocache.caches.[Rides.lod].ttl=10m").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("duocache.caches.Rides.lod names no cache")
				.contains("known caches are [Rides.client, Rides.load, tuned]");
		});
	}

	@Test
	void appliesDataCodecCustomizers() {
		this.runner.withUserConfiguration(Customizer.class)
			.run((context) -> assertThat(context.getBean(Customizer.class).calls).hasValue(1));
	}

	@Test
	void failsStartupWithAnAnalysisThatNamesTheMethod() {
		this.runner.withUserConfiguration(Broken.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidCacheDeclarationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription())
				.isEqualTo("The cached method 'BrokenService.load' is declared in a way Duocache cannot honour: "
						+ "ttl 'soon' is not a duration; write it like \"90s\", \"10m\", \"1h\", \"2d\" or "
						+ "\"PT1H30M\".");
			assertThat(analysis.getAction()).isEqualTo("Fix the ttl attribute.");
		});
	}

	@Test
	void failsStartupForAPersistDefaultOfRedisWithoutRedisNamingWhereItCameFrom() {
		this.runner.withPropertyValues("duocache.data.persist=redis").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidCacheDeclarationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'Rides.load'")
				.contains("persist = REDIS (from duocache.data.persist) needs Redis");
			assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis");
		});
	}

	@Test
	void failsStartupForAMalformedSizeInProperties() {
		this.runner.withPropertyValues("duocache.data.max-size=lots")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("lots"));
	}

	@Test
	void worksWithoutAspectJOrMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader("org.aspectj", "io.micrometer.core"))
			.run((context) -> {
				Rides rides = context.getBean(Rides.class);
				rides.load("nyc");
				rides.load("nyc");
				assertThat(rides.computations()).isEqualTo(1);
			});
	}

	private static CacheInfo dataInfo(org.springframework.context.ApplicationContext context, String name) {
		return context.getBean(CacheDataManager.class).info(name);
	}

	@Configuration(proxyBeanMethods = false)
	static class Services {

		@Bean
		Rides rides() {
			return new Rides();
		}

	}

	static class Rides {

		private final AtomicInteger computations = new AtomicInteger();

		@CacheData
		public List<String> load(String city) {
			this.computations.incrementAndGet();
			return new ArrayList<>(List.of(city));
		}

		@CacheData(name = "tuned", ttl = "5m", maxEntries = 20)
		public String tuned() {
			return "tuned";
		}

		@CacheResource
		public Object client() {
			return new Object();
		}

		int computations() {
			return this.computations.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		DuocacheSettings userSettings() {
			return DuocacheSettings.defaults();
		}

		@Bean
		DataCodec userCodec() {
			return new DataCodec(List.of());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ManagerUsers {

		@Bean
		ManagerUser managerUser(CacheDataManager data, CacheResourceManager resources) {
			return new ManagerUser(data, resources);
		}

	}

	record ManagerUser(CacheDataManager data, CacheResourceManager resources) {
	}

	@Configuration(proxyBeanMethods = false)
	static class UserPostProcessor {

		@Bean
		static DuocacheBeanPostProcessor userPostProcessor() {
			return new DuocacheBeanPostProcessor();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Customizer implements DataCodecCustomizer {

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public void customize(tools.jackson.dataformat.smile.SmileMapper.Builder builder) {
			this.calls.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Broken {

		@Bean
		BrokenService brokenService() {
			return new BrokenService();
		}

	}

	static class BrokenService {

		@CacheData(ttl = "soon")
		public String load() {
			return "";
		}

	}

}
