package dev.tsforge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TsforgeApplication {

    public static void main(String[] args) {
        // Charts and fonts must never look for a display, in a container or on a laptop.
        System.setProperty("java.awt.headless", "true");
        SpringApplication.run(TsforgeApplication.class, args);
    }
}
