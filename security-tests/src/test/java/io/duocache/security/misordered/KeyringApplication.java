package io.duocache.security.misordered;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/** An application with a post-filtered resource. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableMethodSecurity
public class KeyringApplication {

	@Bean
	Keyring keyring() {
		return new Keyring();
	}

}
