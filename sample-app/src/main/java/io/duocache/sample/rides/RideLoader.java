package io.duocache.sample.rides;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import io.duocache.CacheData;
import io.duocache.Persist;

/**
 * Loads the pickups dataset: slow the first time, a fresh copy from the cache afterwards.
 */
@Service
public class RideLoader {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss");

	private final RideDataset dataset;

	private final CsvMapper csv = CsvMapper.builder().build();

	public RideLoader(RideDataset dataset) {
		this.dataset = dataset;
	}

	/**
	 * Reads up to {@code limit} rides from the CSV file. Kept on disk too, so after a restart the
	 * first call reads the stored copy instead of parsing the CSV again.
	 * @param limit the maximum number of rows
	 * @return the rides, which the caller may change freely
	 */
	@CacheData(spinner = "Loading the pickups dataset...", showTime = true, persist = Persist.DISK)
	public List<Ride> loadRides(int limit) {
		List<Ride> rides = new ArrayList<>();
		CsvSchema schema = CsvSchema.emptySchema().withHeader();
		try (MappingIterator<Map<String, String>> rows = this.csv.readerFor(Map.class)
			.with(schema)
			.readValues(this.dataset.file().toFile())) {
			while (rows.hasNext() && rides.size() < limit) {
				Map<String, String> row = rows.next();
				rides.add(new Ride(LocalDateTime.parse(row.get("Date/Time"), DATE_TIME), Double.parseDouble(row.get("Lat")),
						Double.parseDouble(row.get("Lon")), row.get("Base")));
			}
		}
		return rides;
	}

}
