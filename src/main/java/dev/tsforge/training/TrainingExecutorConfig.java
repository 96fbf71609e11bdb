package dev.tsforge.training;

import dev.tsforge.config.TsforgeProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
class TrainingExecutorConfig {

    /** Long enough for a fit to reach its next epoch boundary once asked to stop. */
    private static final int SHUTDOWN_GRACE_SECONDS = 10;

    /**
     * A bounded pool: {@code concurrency} trainings at once (one by default, since two fits on the same cores
     * slow each other more than they gain), {@code queue-capacity} waiting, the rest refused with 503.
     */
    /**
     * On shutdown the running fit stops at its next epoch and records why (see {@code TrainingRunner}); the pool
     * waits for that, and {@code @DependsOn} keeps the database open until then.
     */
    @Bean(destroyMethod = "shutdown")
    @DependsOn("dataSource")
    ThreadPoolTaskExecutor trainingExecutor(TsforgeProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(properties.training().concurrency());
        executor.setMaxPoolSize(properties.training().concurrency());
        executor.setQueueCapacity(properties.training().queueCapacity());
        executor.setThreadNamePrefix("training-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(SHUTDOWN_GRACE_SECONDS);
        executor.initialize();
        return executor;
    }
}
