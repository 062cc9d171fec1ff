package io.duocache;

import tools.jackson.dataformat.smile.SmileMapper;

/**
 * Customises the Smile mapper that copies {@link CacheData} values, for example to register a
 * module for a type Jackson cannot read back from its fields alone.
 */
@FunctionalInterface
public interface DataCodecCustomizer {

	/**
	 * Customises the mapper's builder; Duocache has already configured field-based access.
	 * @param builder the builder
	 */
	void customize(SmileMapper.Builder builder);

}
