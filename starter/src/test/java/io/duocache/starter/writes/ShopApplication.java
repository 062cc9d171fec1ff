package io.duocache.starter.writes;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A shop whose reads are Duocache's caches and whose writes are Spring's annotations. */
@SpringBootApplication
public class ShopApplication {

}
