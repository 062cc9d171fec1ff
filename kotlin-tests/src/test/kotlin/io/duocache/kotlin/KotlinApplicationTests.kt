package io.duocache.kotlin

import io.duocache.CacheData
import io.duocache.CacheDataManager
import io.duocache.InvalidCacheDeclarationException
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import org.springframework.boot.SpringBootConfiguration
import org.springframework.boot.autoconfigure.EnableAutoConfiguration
import org.springframework.boot.builder.SpringApplicationBuilder
import org.springframework.context.ConfigurableApplicationContext
import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration
import org.springframework.context.annotation.Import
import org.springframework.stereotype.Service
import java.math.BigDecimal
import java.time.LocalDate
import java.util.concurrent.atomic.AtomicInteger

/** A ride, as a Kotlin data class: no no-argument constructor, read values, defaults, a nullable. */
data class Ride(
	val id: Long,
	val base: String,
	val day: LocalDate,
	val fare: BigDecimal?,
	val tags: MutableList<String> = mutableListOf(),
)

/** Rides, cached from Kotlin: a plain function and a suspending one. Open through kotlin-spring (@Service). */
@Service
class RideService {

	val calls = AtomicInteger()

	@CacheData
	fun rides(base: String): MutableList<Ride> {
		calls.incrementAndGet()
		return mutableListOf(Ride(1, base, LocalDate.of(2026, 12, 1), BigDecimal("12.50"), mutableListOf("night")),
				Ride(2, base, LocalDate.of(2026, 12, 2), null))
	}

	@CacheData
	suspend fun ridesLater(base: String, day: Int): List<Ride> {
		delay(5)
		calls.incrementAndGet()
		return listOf(Ride(day.toLong(), base, LocalDate.of(2026, 12, day), BigDecimal.ONE, mutableListOf("late")))
	}

}

/** A bean without Spring stereotypes: kotlin-spring leaves it, and its functions, final. */
class FinalRides {

	@CacheData
	fun rides(): List<String> = listOf("a")

}

@SpringBootConfiguration
@EnableAutoConfiguration
@Import(RideService::class)
class KotlinApp

@Configuration(proxyBeanMethods = false)
class FinalRidesConfiguration {

	@Bean
	fun finalRides() = FinalRides()

}

/**
 * Duocache from Kotlin, compiled by the Kotlin Maven plugin with kotlin-spring as Spring Boot's
 * Kotlin guide sets it up: data classes copied through jackson-module-kotlin, suspending functions
 * cached like a Mono without the continuation in the key, and a final class refused with the fix.
 */
class KotlinApplicationTests {

	private var context: ConfigurableApplicationContext? = null

	@AfterEach
	fun close() {
		context?.close()
	}

	@Test
	fun copiesDataClassesOnEveryHit() {
		val service = start().getBean(RideService::class.java)
		val first = service.rides("B02512")
		val hit = service.rides("B02512")
		assertThat(hit).isEqualTo(first).isNotSameAs(first)
		assertThat(hit[0]).isNotSameAs(first[0])
		hit[0].tags.add("changed")
		hit.clear()
		assertThat(service.rides("B02512")).isEqualTo(first)
		assertThat(service.rides("B02512")[0].fare).isEqualTo(BigDecimal("12.50"))
		assertThat(service.calls.get()).isEqualTo(1)
	}

	@Test
	fun registersTheKotlinModuleInTheDataMapper() {
		val context = start()
		val codec = context.getBean(io.duocache.data.DataCodec::class.java)
		assertThat(codec.mapper().registeredModules().map { it.javaClass.name })
			.contains("tools.jackson.module.kotlin.KotlinModule")
	}

	@Test
	fun cachesASuspendingFunctionWithoutTheContinuationInTheKey() {
		val context = start()
		val service = context.getBean(RideService::class.java)
		val first = runBlocking { service.ridesLater("B02512", 3) }
		val hit = runBlocking { service.ridesLater("B02512", 3) }
		val other = runBlocking { service.ridesLater("B02512", 4) }
		assertThat(hit).isEqualTo(first).isNotSameAs(first)
		assertThat(other[0].id).isEqualTo(4)
		assertThat(service.calls.get()).isEqualTo(2)
		val info = context.getBean(CacheDataManager::class.java).info("RideService.ridesLater")!!
		assertThat(info.hits()).isEqualTo(1)
		assertThat(info.misses()).isEqualTo(2)
		context.getBean(CacheDataManager::class.java).clear("RideService.ridesLater", "B02512", 3)
		runBlocking { service.ridesLater("B02512", 3) }
		assertThat(service.calls.get()).isEqualTo(3)
	}

	@Test
	fun refusesAFinalKotlinClassNamingTheKotlinSpringFix() {
		assertThatThrownBy { start(FinalRidesConfiguration::class.java) }
			.hasRootCauseInstanceOf(InvalidCacheDeclarationException::class.java)
			.rootCause()
			.hasMessageContaining("FinalRides.rides")
			.hasMessageContaining("Kotlin")
			.hasMessageContaining("kotlin-spring")
			.hasMessageContaining("@Service")
	}

	private fun start(vararg more: Class<*>): ConfigurableApplicationContext {
		val sources = arrayOf(KotlinApp::class.java, *more)
		val started = SpringApplicationBuilder(*sources).properties("spring.main.web-application-type=none").run()
		context = started
		return started
	}

}
