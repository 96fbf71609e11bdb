package dev.tsforge.runtime;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a backend that cannot run into Spring Boot's short "APPLICATION FAILED TO START" report. */
class BackendFailureAnalyzer extends AbstractFailureAnalyzer<BackendUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BackendUnavailableException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
