package io.duocache.security.reactive;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;

/** A Spring Boot application with reactive method security. */
@SpringBootApplication
@EnableReactiveMethodSecurity
public class ReportsApplication {

}
