package io.duocache.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.EntityManagerFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

import io.duocache.benchmarks.jpa.JpaConfiguration;
import io.duocache.benchmarks.jpa.Owner;
import io.duocache.benchmarks.jpa.OwnerRepository;
import io.duocache.data.DataCaches;

/**
 * JPA entities from a Spring Data repository on Hibernate and H2: a hit on a {@code List} of 1,000
 * owners, each with a set of 3 pets (and their types), next to running the same query on H2 and to a
 * bare Smile read of the same list with Duocache's own mapper; a hit on a {@code Page} of 20 owners
 * next to a bare Smile read of it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class JpaBenchmark {

	private static final PageRequest FIRST_PAGE = PageRequest.of(0, 20);

	private AnnotationConfigApplicationContext context;

	private OwnerRepository owners;

	private ObjectReader listReader;

	private byte[] listSmile;

	private ObjectReader pageReader;

	private byte[] pageSmile;

	@Setup(Level.Trial)
	public void setUp() {
		this.context = new AnnotationConfigApplicationContext(JpaConfiguration.class);
		JpaConfiguration.seed(this.context.getBean(EntityManagerFactory.class));
		this.owners = this.context.getBean(OwnerRepository.class);
		List<Owner> list = this.owners.findByCity("Madison");
		Page<Owner> page = this.owners.findPageByCity("Madison", FIRST_PAGE);
		if (list.size() != JpaConfiguration.OWNERS || page.getNumberOfElements() != 20) {
			throw new IllegalStateException("unexpected data: " + list.size() + " owners, a page of "
					+ page.getNumberOfElements());
		}
		ObjectMapper mapper = this.context.getBean(DataCaches.class).codec().mapper();
		JavaType listType = mapper.getTypeFactory().constructCollectionType(List.class, Owner.class);
		this.listReader = mapper.readerFor(listType);
		this.listSmile = mapper.writerFor(listType).writeValueAsBytes(this.owners.findAllByCity("Madison"));
		JavaType pageType = mapper.getTypeFactory().constructParametricType(Page.class, Owner.class);
		this.pageReader = mapper.readerFor(pageType);
		this.pageSmile = mapper.writerFor(pageType).writeValueAsBytes(page);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.context.close();
	}

	@Benchmark
	public Object duocacheListHit() {
		return this.owners.findByCity("Madison");
	}

	@Benchmark
	public Object h2Query() {
		return this.owners.findAllByCity("Madison");
	}

	@Benchmark
	public Object smileReadList() {
		return this.listReader.readValue(this.listSmile);
	}

	@Benchmark
	public Object duocachePageHit() {
		return this.owners.findPageByCity("Madison", FIRST_PAGE);
	}

	@Benchmark
	public Object smileReadPage() {
		return this.pageReader.readValue(this.pageSmile);
	}

}
