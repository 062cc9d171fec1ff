package io.duocache.aot;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.cglib.core.ReflectUtils;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.util.ReflectionUtils;

import io.duocache.CacheData;
import io.duocache.CacheResource;
import io.duocache.DuocacheConfiguration;
import io.duocache.ParamHasher;
import io.duocache.ResourceValidator;
import io.duocache.aop.DuocacheBeanPostProcessor;
import io.duocache.aop.WriteRoot;
import io.duocache.code.CodeHasher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's ahead-of-time processing of an application with cached methods, and the application
 * run from what it generated: proxy classes written at build time, code hashes written at build
 * time equal to the JVM's, and the runtime hints a native image needs.
 */
@CompileWithForkedClassLoader
class AheadOfTimeTests {

	private static final String PROXY_SUFFIX = "$$SpringCGLIB$$0";

	@Test
	void writesTheProxyClassOfEveryBeanWithCachedMethods() throws IOException {
		TestGenerationContext generated = processAheadOfTime();
		String proxy = Catalog.class.getName() + PROXY_SUFFIX;
		assertThat(generated.getGeneratedFiles().getGeneratedFileContent(Kind.CLASS, proxy.replace('.', '/') + ".class"))
			.isNotNull();
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of(proxy))
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(generated.getRuntimeHints());
	}

	@Test
	void predictsNoProxyForAClassItWouldNotProxy() {
		DuocacheBeanPostProcessor postProcessor = new DuocacheBeanPostProcessor();
		assertThat(postProcessor.determineBeanType(AnnotatedWithoutMethods.class, "empty"))
			.isEqualTo(AnnotatedWithoutMethods.class);
		assertThat(postProcessor.determineBeanType(Title.class, "title")).isEqualTo(Title.class);
		assertThat(postProcessor.determineBeanType(Catalog.class, "catalog").getName())
			.isEqualTo(Catalog.class.getName() + PROXY_SUFFIX);
	}

	@Test
	void writesTheCodeHashOfEveryCachedMethodAsTheJvmComputesIt() throws IOException {
		Properties hashes = builtHashes(processAheadOfTime());
		CodeHasher jvm = new CodeHasher();
		Method titles = method("titles");
		Method connection = method("connection");
		assertThat(hashes).containsOnlyKeys(CodeHasher.builtName(titles), CodeHasher.builtName(connection),
				CodeHasher.builtName(method("shelf")));
		assertThat(hashes.getProperty(CodeHasher.builtName(titles))).isEqualTo(jvm.hash(titles).toHex());
		assertThat(hashes.getProperty(CodeHasher.builtName(connection))).isEqualTo(jvm.hash(connection).toHex());
	}

	@Test
	void registersHintsForTheMethodsTheNamedClassesAndTheTypesTheMapperReads() {
		RuntimeHints hints = processAheadOfTime().getRuntimeHints();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method("titles"))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method("connection"))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(WriteRoot.class, "getArgs"))
			.as("the root object of write annotations' expressions").accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(EditionHasher.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(OpenValidator.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Title.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Title.class, "name")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Edition.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Label.class))
			.as("a type reached only through a field without a getter, which the data mapper copies too")
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Shelf.class)
			.withMemberCategory(MemberCategory.ACCESS_DECLARED_FIELDS)).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource(CodeHasher.BUILT_HASHES)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(CacheData.class)).accepts(hints);
	}

	@Test
	void runsFromTheGeneratedArtifactsWithThePrebuiltProxyAndCaches() {
		TestGenerationContext generated = processAheadOfTime();
		List<String> generatedAtRunTime = new CopyOnWriteArrayList<>();
		ReflectUtils.setGeneratedClassHandler((name, bytes) -> generatedAtRunTime.add(name));
		System.setProperty("spring.aot.enabled", "true");
		try {
			TestCompiler.forSystem().with(generated).compile((compiled) -> {
				@SuppressWarnings("unchecked")
				ApplicationContextInitializer<GenericApplicationContext> initializer = compiled
					.getInstance(ApplicationContextInitializer.class);
				try (GenericApplicationContext context = new GenericApplicationContext()) {
					initializer.initialize(context);
					context.refresh();
					Catalog catalog = context.getBean(Catalog.class);
					assertThat(catalog.getClass().getName()).isEqualTo(Catalog.class.getName() + PROXY_SUFFIX);
					List<Title> first = catalog.titles(new Edition(2));
					first.clear();
					assertThat(catalog.titles(new Edition(2))).containsExactly(new Title("Dune 2"));
					assertThat(catalog.computations()).isEqualTo(1);
					assertThat(catalog.connection("db")).isSameAs(catalog.connection("db"));
				}
			});
			assertThat(generatedAtRunTime).noneMatch((name) -> name.startsWith(Catalog.class.getName()));
		}
		finally {
			System.clearProperty("spring.aot.enabled");
			ReflectUtils.setGeneratedClassHandler(null);
		}
	}

	private static TestGenerationContext processAheadOfTime() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.register(DuocacheConfiguration.class);
		context.registerBean(Catalog.class);
		TestGenerationContext generationContext = new TestGenerationContext();
		new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		generationContext.writeGeneratedContent();
		return generationContext;
	}

	private static Properties builtHashes(TestGenerationContext generated) throws IOException {
		String text = generated.getGeneratedFiles().getGeneratedFileContent(Kind.RESOURCE, CodeHasher.BUILT_HASHES);
		Properties hashes = new Properties();
		hashes.load(new StringReader(text));
		return hashes;
	}

	private static Method method(String name) {
		return ReflectionUtils.findMethod(Catalog.class, name, (Class<?>[]) null);
	}

	public static class Catalog {

		private final AtomicInteger computations = new AtomicInteger();

		@CacheData(hashers = EditionHasher.class)
		public List<Title> titles(Edition edition) {
			this.computations.incrementAndGet();
			return new ArrayList<>(List.of(new Title("Dune " + edition.number())));
		}

		@CacheResource(validate = OpenValidator.class, onRelease = Connection.Release.class)
		public Connection connection(String url) {
			return new Connection(url);
		}

		@CacheData
		public Shelf shelf(int number) {
			return new Shelf(List.of(new Label("shelf " + number)));
		}

		int computations() {
			return this.computations.get();
		}

	}

	public static class Shelf {

		private List<Label> labels;

		Shelf() {
		}

		Shelf(List<Label> labels) {
			this.labels = new ArrayList<>(labels);
		}

	}

	public static class Label {

		private String text;

		Label() {
		}

		Label(String text) {
			this.text = text;
		}

	}

	public record Title(String name) {
	}

	@CacheData
	public static class AnnotatedWithoutMethods {

	}

	public record Edition(int number) {
	}

	public record Connection(String url) {

		static class Release implements io.duocache.ResourceReleaser<Connection> {

			@Override
			public void release(Connection connection) {
			}

		}

	}

	static class EditionHasher implements ParamHasher<Edition> {

		@Override
		public Object hash(Edition edition) {
			return edition.number();
		}

	}

	static class OpenValidator implements ResourceValidator<Connection> {

		@Override
		public boolean isValid(Connection connection) {
			return true;
		}

	}

}
