package dev.tsforge.support;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives each context of a {@link PostgresSchema} class a fresh schema. Registered in {@code META-INF/spring.factories}.
 */
class PostgresSchemaCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, PostgresSchema.class)
                ? new SchemaCustomizer(testClass)
                : null;
    }

    /**
     * Equal only for the same class, so that two classes never share a context, and with it a schema.
     */
    private record SchemaCustomizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            String schema = TestPostgres.newSchema();
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("postgresSchema", Map.copyOf(TestPostgres.properties(schema))));
            // registered before any bean of the context, so destroyed after all of them: the pool and JobRunr's
            // server are closed by the time the schema goes
            ((DefaultSingletonBeanRegistry) context.getBeanFactory())
                    .registerDisposableBean("postgresSchemaDrop", () -> TestPostgres.dropSchema(schema));
        }
    }
}
