package dev.tsforge.support;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

class PostgresCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        try (Connection connection = TestPostgres.connect()) {
            return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + TestPostgres.URL + " ("
                    + connection.getMetaData().getDatabaseProductVersion() + ")");
        } catch (SQLException e) {
            String message = "PostgreSQL not reachable at " + TestPostgres.URL + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + "; CI=true, so the PostgreSQL tests fail instead of "
                        + "being skipped. Start it with: pg_ctlcluster --skip-systemctl-redirect "
                        + "$(ls /etc/postgresql) main start");
            }
            System.err.println("SKIPPED: " + message + ": PostgreSQL tests skipped");
            return ConditionEvaluationResult.disabled(message + ": PostgreSQL tests skipped");
        }
    }
}
