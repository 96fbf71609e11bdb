package dev.tsforge.training;

import dev.tsforge.config.TsforgeProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
class TrainingExecutorConfig {

    /**
     * A bounded pool: {@code concurrency} trainings at once (one by default, since two fits on the same cores
     * slow each other more than they gain), {@code queue-capacity} waiting, the rest refused with 503.
     */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskExecutor trainingExecutor(TsforgeProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(properties.training().concurrency());
        executor.setMaxPoolSize(properties.training().concurrency());
        executor.setQueueCapacity(properties.training().queueCapacity());
        executor.setThreadNamePrefix("training-");
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.initialize();
        return executor;
    }
}
