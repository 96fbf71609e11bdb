package dev.tsforge.anomalies;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnomalyProperties.class)
class AnomalyConfig {
}
