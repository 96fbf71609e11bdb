package dev.tsforge.training;

import dev.tsforge.support.PostgresSchema;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

@PostgresSchema
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PostgresCollectionRunCovariatesTests extends CollectionRunCovariatesContract {
}
