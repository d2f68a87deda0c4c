package dev.beton;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Beton web application. The command line front door is {@link dev.beton.cli.BetonCli}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BetonApplication {

    public static void main(String[] args) {
        SpringApplication.run(BetonApplication.class, args);
    }
}
