package io.duocache.sample.rides;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The pickups CSV ({@code Date/Time,Lat,Lon,Base}); a realistic one is generated on first use when
 * the file is absent.
 */
@Component
public class RideDataset {

	private static final Log logger = LogFactory.getLog(RideDataset.class);

	private static final String[] BASES = { "B02512", "B02598", "B02617", "B02682", "B02764" };

	private final Path file;

	private final int rows;

	public RideDataset(@Value("${sample.rides.file}") Path file, @Value("${sample.rides.rows}") int rows) {
		this.file = file;
		this.rows = rows;
	}

	/**
	 * Returns the CSV file, generating it first if it does not exist.
	 * @return the file
	 */
	public synchronized Path file() {
		if (!Files.exists(this.file)) {
			generate();
		}
		return this.file;
	}

	private void generate() {
		logger.info("Generating " + this.rows + " pickups into " + this.file);
		Random random = new Random(42);
		try {
			Files.createDirectories(this.file.toAbsolutePath().getParent());
			Path temporary = Files.createTempFile(this.file.toAbsolutePath().getParent(), "rides", ".csv");
			try (BufferedWriter writer = Files.newBufferedWriter(temporary)) {
				writer.write("Date/Time,Lat,Lon,Base\n");
				for (int i = 0; i < this.rows; i++) {
					int day = 1 + random.nextInt(30);
					int hour = peakHour(random);
					writer.write(String.format("9/%d/2014 %d:%02d:%02d,%.4f,%.4f,%s%n", day, hour, random.nextInt(60),
							random.nextInt(60), 40.7128 + random.nextGaussian() * 0.05,
							-73.9654 + random.nextGaussian() * 0.06, BASES[random.nextInt(BASES.length)]));
				}
			}
			Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the pickups dataset to " + this.file, ex);
		}
	}

	/** More pickups in the evening rush than at night. */
	private static int peakHour(Random random) {
		int hour = (int) Math.round(17 + random.nextGaussian() * 5);
		return Math.floorMod(hour, 24);
	}

}
