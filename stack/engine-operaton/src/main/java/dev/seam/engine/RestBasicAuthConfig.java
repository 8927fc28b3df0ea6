package dev.seam.engine;

import jakarta.servlet.Filter;
import org.operaton.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.operaton.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The stock REST starter answers anyone. Seam's stack protects engine-rest with HTTP Basic
 * against the engine's own users, as a production engine would, so clients prove they send
 * credentials and 401s are real. SEAM_ENGINE_REST_AUTH=false turns it off.
 */
@Configuration
@ConditionalOnProperty(name = "seam.rest-auth", havingValue = "true", matchIfMissing = true)
public class RestBasicAuthConfig {
  @Bean
  public FilterRegistrationBean<Filter> engineRestBasicAuth() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>();
    registration.setName("operaton-auth");
    registration.setFilter(new ProcessEngineAuthenticationFilter());
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }
}
