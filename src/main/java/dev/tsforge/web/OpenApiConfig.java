package dev.tsforge.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI tsforgeOpenApi() {
        return new OpenAPI().info(new Info()
                .title("tsforge forecasting API")
                .version("v1")
                .description("""
                        Store time series, train recurrent networks (SimpleRnn, LSTM) on them with Deeplearning4j, \
                        and get forecasts. Errors are RFC 9457 problem details (application/problem+json) with a \
                        stable `type` (urn:tsforge:problem:...).""")
                .license(new License().name("Apache-2.0")));
    }
}
