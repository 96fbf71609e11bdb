package dev.tsforge.series;

import dev.tsforge.support.PostgresSchema;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

@PostgresSchema
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {BulkIngestContract.LIMITS_REQUEST, BulkIngestContract.LIMITS_BULK})
@ActiveProfiles("test")
class PostgresBulkIngestTests extends BulkIngestContract {
}
