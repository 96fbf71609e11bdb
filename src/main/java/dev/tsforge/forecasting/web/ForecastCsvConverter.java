package dev.tsforge.forecasting.web;

import dev.tsforge.forecasting.Forecast;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

/**
 * Writes a {@link Forecast} as {@code text/csv}, so that one endpoint serves JSON or CSV by {@code Accept} (and
 * the OpenAPI document shows both for it).
 */
@Component
class ForecastCsvConverter extends AbstractHttpMessageConverter<Forecast> {

    ForecastCsvConverter() {
        super(StandardCharsets.UTF_8, MediaType.parseMediaType(ForecastCsv.TEXT_CSV));
    }

    @Override
    protected boolean supports(Class<?> type) {
        return Forecast.class.isAssignableFrom(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected Forecast readInternal(Class<? extends Forecast> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("forecasts are not read from CSV", input);
    }

    @Override
    protected void writeInternal(Forecast forecast, HttpOutputMessage output) throws IOException {
        output.getBody().write(ForecastCsv.format(forecast).getBytes(StandardCharsets.UTF_8));
    }
}
