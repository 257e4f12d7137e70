package org.remarketing.samplestore;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.domain.EntityScan;

@SpringBootApplication
@EntityScan("com.salesmanager.core.model")
public class SampleStoreApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleStoreApplication.class, args);
    }
}
