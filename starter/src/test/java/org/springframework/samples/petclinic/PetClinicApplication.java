package org.springframework.samples.petclinic;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A clinic in Spring PetClinic's own package, so that its classes are named like the framework's. */
@SpringBootApplication
public class PetClinicApplication {

}
