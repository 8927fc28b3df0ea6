package dev.seam.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SeamEngineApplication {
  public static void main(String[] args) {
    SpringApplication.run(SeamEngineApplication.class, args);
  }
}
