package dev.tsforge.webhooks;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfig {

    /** The system's resolver; a test declares a {@code @Primary} one to map names to addresses. */
    @Bean
    HostResolver hostResolver() {
        return HostResolver.system();
    }

    @Bean
    TargetPolicy targetPolicy(HostResolver resolver, WebhookProperties properties) {
        return new TargetPolicy(resolver, properties);
    }
}
