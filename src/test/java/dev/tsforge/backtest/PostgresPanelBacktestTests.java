package dev.tsforge.backtest;

import dev.tsforge.support.PostgresSchema;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The panel backtest on PostgreSQL: its rows in {@code training_job} beside the global trainings of V10. */
@PostgresSchema
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PostgresPanelBacktestTests extends PanelBacktestContract {
}
