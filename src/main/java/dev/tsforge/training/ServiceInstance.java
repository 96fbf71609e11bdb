package dev.tsforge.training;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Names this running service among its replicas (host, process, and a random part), for job records and logs. */
@Component
class ServiceInstance {

    private final String id = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    String id() {
        return id;
    }
}
