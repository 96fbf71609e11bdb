package dev.tsforge.registry;

import dev.tsforge.web.ApiProblemException;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The trained models of every series. The newest model of a series is the one that serves its forecasts. */
@Service
public class ModelRegistry {

    private final ModelRepository models;

    ModelRegistry(ModelRepository models) {
        this.models = models;
    }

    /** Records a model whose artifact is already written; runs in the caller's transaction. */
    public long register(ModelVersion model) {
        return models.insert(model);
    }

    public ModelVersion get(long id) {
        return models.find(id).orElseThrow(() -> ApiProblemException.notFound("model", id));
    }

    public Optional<ModelVersion> newestOf(long seriesId) {
        return models.newestOf(seriesId);
    }

    public List<ModelVersion> ofSeries(long seriesId) {
        return models.ofSeries(seriesId);
    }
}
