package dev.tsforge.logging;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the series, model or job a request's path names into the log context, before its controller runs: the path
 * is the one place every endpoint names its resource. Ids that arrive in a body (a forecast's modelId) are put by
 * the feature that reads them.
 */
@Configuration(proxyBeanMethods = false)
class PathIds implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (!(pattern instanceof String path) || !(variables instanceof Map<?, ?> values)
                || !(values.get("id") instanceof String id) || !id.matches("\\d{1,18}")) {
            return true;
        }
        long value = Long.parseLong(id);
        if (path.startsWith("/api/v1/series/{id}")) {
            LogContext.series(value);
        } else if (path.startsWith("/api/v1/models/{id}")) {
            LogContext.model(value);
        } else if (path.startsWith("/api/v1/training-jobs/{id}") || path.startsWith("/api/v1/backtest-jobs/{id}")) {
            LogContext.job(value);
        }
        return true;
    }
}
