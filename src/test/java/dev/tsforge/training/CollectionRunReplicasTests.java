package dev.tsforge.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.TsforgeApplication;
import dev.tsforge.support.Await;
import dev.tsforge.support.HttpApi;
import dev.tsforge.support.PostgresAvailable;
import dev.tsforge.support.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A collection run on two replicas sharing one PostgreSQL schema, both with job servers: every child runs exactly
 * once (counted where JobRunr hands a job to our handler, in either replica), both replicas take children, a member
 * too short fails its own child, and the run is closed once, COMPLETED; a second run cancelled through the other
 * replica ends CANCELLED with every child cancelled, none run twice.
 */
@PostgresAvailable
class CollectionRunReplicasTests {

    private static final String SCHEMA = TestPostgres.newSchema();
    private static final String JSON = "application/json";
    private static final int MEMBERS = 6;
    private static final int POINTS = 120;
    private static final String SPEC = "{\"architecture\": \"SIMPLE_RNN\", \"hiddenSizes\": [4], \"lookback\": 8, "
            + "\"horizon\": 4, \"epochs\": %d, \"validationFraction\": 0, \"earlyStoppingPatience\": 0}";
    /** Long enough (seconds) that a replica polling every 5 s finds children left to take. */
    private static final int EPOCHS = 400;
    /** Longer than the test waits: only a cancel ends these. */
    private static final int ENDLESS = 10_000;

    /** Runs of our job handler per training job, in both replicas (one JVM). */
    private static final Map<Long, AtomicInteger> EXECUTIONS = new ConcurrentHashMap<>();

    @AfterAll
    static void dropSchema() throws Exception {
        TestPostgres.dropSchema(SCHEMA);
    }

    /** A replica whose JobRunr handler counts what it is given to run. */
    private static ConfigurableApplicationContext replica(Path models) {
        List<String> arguments = new ArrayList<>(List.of(TestPostgres.arguments(SCHEMA)));
        arguments.addAll(List.of("--server.port=0", "--tsforge.storage.model-dir=" + models,
                "--tsforge.training.children-in-flight=4"));
        return new SpringApplicationBuilder(TsforgeApplication.class).profiles("test")
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new CountingHandler()))
                .run(arguments.toArray(String[]::new));
    }

    /** Wraps the handler JobRunr looks up by type; a class proxy, so the lookup still finds it. */
    private static final class CountingHandler implements BeanPostProcessor {

        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            if (!(bean instanceof TrainingJobRequestHandler)) {
                return bean;
            }
            ProxyFactory proxy = new ProxyFactory(bean);
            proxy.setProxyTargetClass(true);
            proxy.addAdvice((MethodInterceptor) invocation -> {
                if (invocation.getMethod().getName().equals("run")
                        && invocation.getArguments()[0] instanceof TrainingJobRequest request) {
                    EXECUTIONS.computeIfAbsent(request.trainingJobId(), id -> new AtomicInteger()).incrementAndGet();
                }
                return invocation.proceed();
            });
            return proxy.getProxy();
        }
    }

    private static HttpApi api(ConfigurableApplicationContext context) {
        return HttpApi.localhost(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    @Test
    void theFanOutRunsEachChildOnceAcrossTwoReplicas(@TempDir Path models) throws Exception {
        try (ConfigurableApplicationContext a = replica(models); ConfigurableApplicationContext b = replica(models)) {
            HttpApi first = api(a);
            HttpApi second = api(b);
            assertThat(first.post("/api/v1/collections", JSON, "{\"name\": \"fleet\", \"frequency\": \"PT1H\"}")
                    .statusCode()).isEqualTo(201);
            StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
            for (int member = 0; member < MEMBERS; member++) {
                for (int i = 0; i < POINTS; i++) {
                    csv.append("m").append(member).append(',')
                            .append(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * i)).append(',')
                            .append(Math.sin(i / 4.0 + member)).append('\n');
                }
            }
            csv.append("short,2024-01-01T00:00:00Z,1.0\n");
            HttpResponse<String> stored = first.post("/api/v1/collections/fleet/points", "text/csv", csv.toString());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

            HttpResponse<String> accepted = first.post("/api/v1/collections/fleet/runs", JSON,
                    "{\"mode\": \"TRAIN\", \"spec\": " + SPEC.formatted(EPOCHS) + "}");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            long runId = first.json(accepted).get("id").asLong();
            // read on the other replica: the run's state is in the database, not in the replica that started it
            JsonNode done = Await.until("run " + runId, Duration.ofMinutes(5), Duration.ofMillis(250),
                    () -> second.json(second.get("/api/v1/collection-runs/" + runId)),
                    run -> run.get("status").asString().equals("COMPLETED"));

            assertThat(done.get("total").asInt()).isEqualTo(MEMBERS + 1);
            assertThat(done.get("succeeded").asInt()).isEqualTo(MEMBERS);
            assertThat(done.get("failed").asInt()).isEqualTo(1);
            Map<Long, String> children = new HashMap<>();
            Set<String> runners = new HashSet<>();
            for (JsonNode line : done.get("members")) {
                long jobId = line.get("jobId").asLong();
                children.put(jobId, line.get("uniqueId").asString());
                if (line.get("uniqueId").asString().equals("short")) {
                    assertThat(line.get("status").asString()).isEqualTo("FAILED");
                    assertThat(line.get("errorMessage").asString()).contains("The series has 1 points");
                    assertThat(EXECUTIONS).as("a child failed at once never reaches JobRunr").doesNotContainKey(jobId);
                    continue;
                }
                assertThat(line.get("status").asString()).as(line.toString()).isEqualTo("SUCCEEDED");
                assertThat(EXECUTIONS.get(jobId)).as("runs of child %d (%s)", jobId, line.get("uniqueId"))
                        .hasValue(1);
                runners.add(first.json(first.get("/api/v1/training-jobs/" + jobId)).get("runnerInstance")
                        .asString());
            }
            assertThat(children).hasSize(MEMBERS + 1);
            assertThat(runners).as("both replicas took children").containsExactlyInAnyOrder(
                    a.getBean(ServiceInstance.class).id(), b.getBean(ServiceInstance.class).id());

            // a cancel asked of either replica reaches children running or waiting anywhere
            HttpResponse<String> endless = first.post("/api/v1/collections/fleet/runs", JSON,
                    "{\"mode\": \"TRAIN\", \"spec\": " + SPEC.formatted(ENDLESS) + "}");
            assertThat(endless.statusCode()).as(endless.body()).isEqualTo(202);
            long endlessId = first.json(endless).get("id").asLong();
            Await.until("a running child", Duration.ofMinutes(1), Duration.ofMillis(100),
                    () -> first.json(first.get("/api/v1/collection-runs/" + endlessId)),
                    run -> run.get("running").asInt() > 0);
            HttpResponse<String> cancel = second.post("/api/v1/collection-runs/" + endlessId + "/cancel", JSON, "");
            assertThat(cancel.statusCode()).as(cancel.body()).isIn(200, 202);
            JsonNode cancelled = Await.until("run " + endlessId, Duration.ofMinutes(2), Duration.ofMillis(250),
                    () -> first.json(first.get("/api/v1/collection-runs/" + endlessId)),
                    run -> run.get("status").asString().equals("CANCELLED"));
            assertThat(cancelled.get("cancelled").asInt()).isEqualTo(MEMBERS);
            assertThat(cancelled.get("failed").asInt()).isEqualTo(1);
            for (JsonNode line : cancelled.get("members")) {
                AtomicInteger runs = EXECUTIONS.get(line.get("jobId").asLong());
                assertThat(runs == null ? 0 : runs.get()).as("runs of %s", line).isLessThanOrEqualTo(1);
            }
            JsonNode list = second.json(second.get("/api/v1/collections/fleet/runs"));
            assertThat(list.size()).isEqualTo(2);
            assertThat(list.get(0).get("id").asLong()).as("newest first").isEqualTo(endlessId);
            assertThat(second.post("/api/v1/collection-runs/" + runId + "/cancel", JSON, "").statusCode())
                    .as("a finished run").isEqualTo(409);
        }
    }
}
