package dev.tsforge.series;

import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Collections of series: create, read, delete, label their members, select members by labels. */
@Service
public class CollectionService {

    /** The longest {@code unique_id}: the column's width. */
    public static final int MAX_UNIQUE_ID_LENGTH = 256;

    private final CollectionRepository collections;
    private final SeriesRepository series;
    private final LabelRepository labels;
    private final SeriesService seriesService;
    private final Clock clock;

    CollectionService(CollectionRepository collections, SeriesRepository series, LabelRepository labels,
            SeriesService seriesService, Clock clock) {
        this.collections = collections;
        this.series = series;
        this.labels = labels;
        this.seriesService = seriesService;
        this.clock = clock;
    }

    /**
     * Creates an empty collection. Its grid is fixed from the start: a choice left open (anchor, business days) takes
     * the default rather than being inferred, because one upload may hold many members that disagree.
     *
     * @throws ApiProblemException 400 naming the field of an unsupported grid, 409 when the name is taken
     */
    @Transactional
    public SeriesCollection create(NewCollection request) {
        RequestedGrid grid = RequestedGrid.of(request.frequency(), request.anchor(), request.businessDays(),
                request.timeZone());
        if (collections.find(request.name()).isPresent()) {
            throw nameTaken(request.name());
        }
        try {
            return collections.find(collections.insert(request.name(), grid.frequency(), request.description(),
                    clock.instant())).orElseThrow();
        } catch (DuplicateKeyException race) {
            throw nameTaken(request.name());
        }
    }

    private static ApiProblemException nameTaken(String name) {
        return new ApiProblemException(ProblemType.NAME_TAKEN, "A collection named '" + name + "' already exists",
                Map.of("name", name));
    }

    public SeriesCollection get(String name) {
        return collections.find(name).orElseThrow(() -> ApiProblemException.notFound("collection", name));
    }

    /** The collection's name by id, for showing a member. */
    public String name(long id) {
        return collections.find(id).map(SeriesCollection::name).orElse(null);
    }

    public List<SeriesCollection> page(int page, int size) {
        return collections.page(page * size, size);
    }

    public long count() {
        return collections.count();
    }

    public long memberCount(SeriesCollection collection) {
        return collections.memberCount(collection.id());
    }

    /**
     * Deletes the collection with its members, each as {@code DELETE /series/{id}} would (so a member in training
     * vetoes it, and the members' models go too), in one transaction.
     */
    @Transactional
    public void delete(String name) {
        SeriesCollection collection = collections.findForUpdate(name)
                .orElseThrow(() -> ApiProblemException.notFound("collection", name));
        for (Long member : series.ids(new SeriesFilter(collection.id(), List.of()))) {
            seriesService.delete(member);
        }
        collections.delete(collection.id());
    }

    /**
     * Replaces the labels of the members named; an unknown {@code unique_id} becomes a new member without points.
     *
     * @return how many members were created
     * @throws ApiProblemException 400 naming the member and label at fault, 404 unknown collection
     */
    @Transactional
    public int replaceLabels(String name, Map<String, Map<String, String>> byUniqueId) {
        SeriesCollection collection = collections.findForUpdate(name)
                .orElseThrow(() -> ApiProblemException.notFound("collection", name));
        Map<String, List<Label>> checked = new LinkedHashMap<>();
        byUniqueId.forEach((uniqueId, values) -> {
            checkUniqueId(uniqueId);
            List<Label> list = new ArrayList<>();
            (values == null ? Map.<String, String>of() : values).forEach((key, value) -> {
                try {
                    list.add(Label.checked(key, value));
                } catch (IllegalArgumentException e) {
                    throw ApiProblemException.invalidField(uniqueId + "." + key, e.getMessage());
                }
            });
            checked.put(uniqueId, list);
        });
        Map<String, Long> members = new HashMap<>();
        series.membersForUpdate(collection.id()).forEach(member -> members.put(member.uniqueId(), member.id()));
        Instant now = clock.instant();
        int created = 0;
        for (Map.Entry<String, List<Label>> entry : checked.entrySet()) {
            Long id = members.get(entry.getKey());
            if (id == null) {
                id = series.insertMember(collection, entry.getKey(), now);
                created++;
            }
            labels.replace(id, entry.getValue());
        }
        collections.touch(collection.id(), now);
        return created;
    }

    static void checkUniqueId(String uniqueId) {
        if (uniqueId == null || uniqueId.isBlank() || uniqueId.length() > MAX_UNIQUE_ID_LENGTH) {
            throw ApiProblemException.invalidField("unique_id", "'" + uniqueId + "' must be non-blank and at most "
                    + MAX_UNIQUE_ID_LENGTH + " characters");
        }
    }

    /**
     * The filter of {@code ?collection=...&label=key:value}.
     *
     * @throws ApiProblemException 400 {@code invalid-parameter} for a label not written key:value, 404 for an unknown
     *                             collection
     */
    public SeriesFilter filter(String collection, List<String> labelFilters) {
        List<Label> parsed = new ArrayList<>();
        for (String text : labelFilters == null ? List.<String>of() : labelFilters) {
            try {
                parsed.add(Label.parseFilter(text));
            } catch (IllegalArgumentException e) {
                throw new ApiProblemException(ProblemType.INVALID_PARAMETER, "Parameter 'label': " + e.getMessage(),
                        Map.of("parameter", "label"));
            }
        }
        Long collectionId = collection == null || collection.isBlank() ? null : get(collection).id();
        return new SeriesFilter(collectionId, parsed);
    }

    /** The members the filter selects, in id order (their points are read one series at a time). */
    public List<Series> members(SeriesFilter filter) {
        return series.list(filter);
    }

    /** The labels of each series, sorted by key. */
    public Map<Long, Map<String, String>> labels(List<Long> seriesIds) {
        return labels.of(seriesIds);
    }
}
