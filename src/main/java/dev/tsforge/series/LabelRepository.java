package dev.tsforge.series;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class LabelRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    LabelRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Replaces the series' labels by these. */
    void replace(long seriesId, Collection<Label> labels) {
        jdbc.sql("DELETE FROM series_label WHERE series_id = :id").param("id", seriesId).update();
        template.batchUpdate("INSERT INTO series_label (series_id, label_key, label_value) VALUES (?, ?, ?)",
                new ArrayList<>(labels), 500, (ps, label) -> {
                    ps.setLong(1, seriesId);
                    ps.setString(2, label.key());
                    ps.setString(3, label.value());
                });
    }

    /** The labels of each series given, sorted by key; a series without labels maps to an empty map. */
    Map<Long, Map<String, String>> of(List<Long> seriesIds) {
        Map<Long, Map<String, String>> labels = new HashMap<>();
        seriesIds.forEach(id -> labels.put(id, new TreeMap<>()));
        if (seriesIds.isEmpty()) {
            return labels;
        }
        jdbc.sql("SELECT series_id, label_key, label_value FROM series_label WHERE series_id IN (:ids)")
                .param("ids", seriesIds)
                .query(rs -> {
                    labels.get(rs.getLong("series_id")).put(rs.getString("label_key"), rs.getString("label_value"));
                });
        return labels;
    }
}
