package dev.tsforge.series;

import dev.tsforge.support.PostgresSchema;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;

@PostgresSchema
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PostgresIngestTests extends IngestContract {
}
