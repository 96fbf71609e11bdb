package dev.tsforge.series;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {BulkIngestContract.LIMITS_REQUEST, BulkIngestContract.LIMITS_BULK})
@ActiveProfiles("test")
class H2BulkIngestTests extends BulkIngestContract {
}
