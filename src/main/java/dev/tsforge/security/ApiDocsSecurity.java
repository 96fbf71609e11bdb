package dev.tsforge.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The credentials the API takes, in its OpenAPI document: an API key in {@code X-API-Key}, or a bearer token (a JWT,
 * or an API key). Swagger UI's "Authorize" offers both and "Try it out" then sends the one given, so the UI works
 * with security on (the images' default). Declared whether or not security is on: the document describes the API,
 * and with security off a credential is simply not needed.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsSecurity {

    static final String API_KEY = "apiKey";
    static final String BEARER = "bearer";

    @Bean
    OpenApiCustomizer apiSecuritySchemes() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents()
                    .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                            .in(SecurityScheme.In.HEADER).name(ApiKeyFilter.HEADER)
                            .description("An API key (POST /api/v1/admin/api-keys creates them; READ, WRITE or ADMIN)"))
                    .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                            .scheme("bearer").bearerFormat("JWT")
                            .description("A JWT from the identity provider (tsforge.security.jwt.*), or an API key"));
            if (openApi.getPaths() == null) {
                return;
            }
            // either one: two requirements are alternatives in OpenAPI
            openApi.getPaths().forEach((path, item) -> {
                // TimeGPT's paths lie outside /api and need a key like the rest
                if (path.startsWith("/api/") || SecurityConfig.TIMEGPT_PATHS.contains(path)) {
                    item.readOperations().forEach(operation -> operation
                            .addSecurityItem(new SecurityRequirement().addList(API_KEY))
                            .addSecurityItem(new SecurityRequirement().addList(BEARER)));
                }
            });
        };
    }
}
