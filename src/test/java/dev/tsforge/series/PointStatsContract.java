package dev.tsforge.series;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.config.JdbcTimes;
import dev.tsforge.support.HttpApi;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link PointStats} a series row keeps (V14) against a fresh aggregate of its points after every kind of write
 * over HTTP: single-series JSON and CSV ingests, upserts, collection uploads with new members, appends and updates, and
 * an upload refused whole. Count and first/last are exact; the value range is the range the series has had, so it
 * equals the aggregate until an update replaces an extreme value, and then still spans the replaced one. Run on H2
 * ({@link H2PointStatsTests}) and PostgreSQL ({@link PostgresPointStatsTests}).
 */
abstract class PointStatsContract {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SeriesService series;

    HttpApi api;

    @BeforeEach
    void client() {
        api = HttpApi.localhost(port);
    }

    /** The stats as a fresh aggregate of the stored points. */
    private PointStats aggregate(long id) {
        return jdbc.sql("""
                SELECT COUNT(*) AS n, MIN(ts) AS first_ts, MAX(ts) AS last_ts, MIN(val) AS min_val, MAX(val) AS max_val
                FROM series_point WHERE series_id = :id""")
                .param("id", id)
                .query((rs, row) -> new PointStats(rs.getLong("n"), JdbcTimes.instant(rs, "first_ts"),
                        JdbcTimes.instant(rs, "last_ts"), rs.getObject("min_val", Double.class),
                        rs.getObject("max_val", Double.class)))
                .single();
    }

    private static String hour(int h) {
        return START.plusSeconds(3600L * h).toString();
    }

    @Test
    void aNewSeriesHasEmptyStatsAndSingleIngestsKeepThemExact() throws Exception {
        long id = api.createSeries("stats-" + UUID.randomUUID(), "PT1H");
        assertThat(series.stats(id)).isEqualTo(new PointStats(0, null, null, null, null));

        api.ingestCsv(id, "timestamp,value\n" + hour(0) + ",5\n" + hour(1) + ",-2\n" + hour(2) + ",7\n");
        assertThat(series.stats(id)).isEqualTo(aggregate(id))
                .isEqualTo(new PointStats(3, START, Instant.parse(hour(2)), -2.0, 7.0));

        HttpResponse<String> json = api.post("/api/v1/series/" + id + "/points", "application/json",
                "[{\"timestamp\": \"" + hour(10) + "\", \"value\": 3}, {\"timestamp\": \"" + hour(1)
                        + "\", \"value\": 1}]");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        // an upsert of an existing point counts once; a gap before the new last point is no point
        PointStats stats = series.stats(id);
        PointStats fresh = aggregate(id);
        assertThat(stats.count()).isEqualTo(fresh.count()).isEqualTo(4);
        assertThat(stats.first()).isEqualTo(fresh.first()).isEqualTo(START);
        assertThat(stats.last()).isEqualTo(fresh.last()).isEqualTo(Instant.parse(hour(10)));
        // -2 was replaced by 1: the stored range still holds it, the points no longer do
        assertThat(fresh.minValue()).isEqualTo(1.0);
        assertThat(stats.minValue()).isEqualTo(-2.0);
        assertThat(stats.maxValue()).isEqualTo(fresh.maxValue()).isEqualTo(7.0);

        api.ingestCsv(id, "timestamp,value\n" + hour(-5) + ",100\n");
        assertThat(series.stats(id)).isEqualTo(new PointStats(5, Instant.parse(hour(-5)), Instant.parse(hour(10)),
                -2.0, 100.0));
        assertThat(aggregate(id).first()).isEqualTo(Instant.parse(hour(-5)));
    }

    @Test
    void collectionUploadsKeepEveryMembersStatsAndARefusedOneLeavesThemUnchanged() throws Exception {
        String name = "c-" + UUID.randomUUID();
        assertThat(api.post("/api/v1/collections", "application/json",
                "{\"name\": \"" + name + "\", \"frequency\": \"PT1H\"}").statusCode()).isEqualTo(201);
        StringBuilder first = new StringBuilder("unique_id,ds,y\n");
        for (int member = 0; member < 20; member++) {
            for (int h = 0; h < 50; h++) {
                first.append('m').append(member).append(',').append(hour(h)).append(',').append(member * 100 + h)
                        .append('\n');
            }
        }
        upload(name, first.toString(), 200);
        List<Long> ids = memberIds(name);
        assertThat(ids).hasSize(20);
        for (long id : ids) {
            assertThat(series.stats(id)).isEqualTo(aggregate(id));
            assertThat(series.stats(id).count()).isEqualTo(50);
        }

        // 10 % updates (within the range, so the range stays exact), appends after the end, points before the start,
        // and a new member
        StringBuilder second = new StringBuilder("unique_id,ds,y\n");
        for (int member = 0; member < 20; member++) {
            for (int h = 45; h < 60; h++) {
                second.append('m').append(member).append(',').append(hour(h)).append(',')
                        .append(h < 50 ? member * 100 + 1 : member * 100 + h).append('\n');
            }
            second.append('m').append(member).append(',').append(hour(-3)).append(",-1.5\n");
        }
        second.append("fresh,").append(hour(7)).append(",42\n");
        HttpResponse<String> stored = upload(name, second.toString(), 200);
        assertThat(api.json(stored).get("updated").asLong()).isEqualTo(20 * 5);
        ids = memberIds(name);
        assertThat(ids).hasSize(21);
        for (long id : ids) {
            assertThat(series.stats(id)).as("series " + id).isEqualTo(aggregate(id));
        }
        assertThat(series.stats(ids.get(1))).as("m0, after 'fresh'").isEqualTo(new PointStats(61, Instant.parse(hour(-3)),
                Instant.parse(hour(59)), -1.5, 59.0));

        // all or nothing: a bad last line leaves every member's stats as they were
        List<PointStats> before = ids.stream().map(series::stats).toList();
        StringBuilder refused = new StringBuilder("unique_id,ds,y\n");
        for (int member = 0; member < 20; member++) {
            refused.append('m').append(member).append(',').append(hour(100)).append(",1e9\n");
            refused.append('m').append(member).append(',').append(hour(0)).append(",-1e9\n");
        }
        refused.append("m0,").append(hour(101)).append(",oops\n");
        upload(name, refused.toString(), 400);
        assertThat(ids.stream().map(series::stats).toList()).isEqualTo(before);
        for (long id : ids) {
            assertThat(series.stats(id)).isEqualTo(aggregate(id));
        }
    }

    @Test
    void theMigrationsBackfillAgreesWithAFreshAggregate() throws Exception {
        long id = api.createSeries("stats-" + UUID.randomUUID(), "PT1H");
        api.ingestCsv(id, "timestamp,value\n" + hour(0) + ",5\n" + hour(1) + ",-2\n" + hour(4) + ",7\n");
        long empty = api.createSeries("stats-" + UUID.randomUUID(), "PT1H");
        jdbc.sql("UPDATE series SET point_count = 0, first_ts = NULL, last_ts = NULL, min_val = NULL, max_val = NULL")
                .update();
        String migration = Files.readString(Path.of("src/main/resources/db/migration/V14__series_point_stats.sql"));
        jdbc.sql(migration.substring(migration.indexOf("UPDATE series SET")).strip().replaceAll(";$", "")).update();
        assertThat(series.stats(id)).isEqualTo(aggregate(id))
                .isEqualTo(new PointStats(3, START, Instant.parse(hour(4)), -2.0, 7.0));
        assertThat(series.stats(empty)).isEqualTo(new PointStats(0, null, null, null, null));
    }

    @Test
    void windowsReadManyAtOnceAreTheWindowsReadOneAtATime() throws Exception {
        // consecutive; a gap inside the window (read again on its own); an earlier end (another start); too short;
        // no points
        int[][] hours = {range(0, 30), without(range(0, 30), 25), range(0, 21), range(0, 5), {}};
        List<Series> targets = new java.util.ArrayList<>();
        for (int[] series : hours) {
            long id = api.createSeries("stats-" + UUID.randomUUID(), "PT1H");
            if (series.length > 0) {
                StringBuilder csv = new StringBuilder("timestamp,value\n");
                for (int h : series) {
                    csv.append(hour(h)).append(',').append(h * 1.5 + id).append('\n');
                }
                api.ingestCsv(id, csv.toString());
            }
            targets.add(this.series.get(id));
        }
        for (GapPolicy policy : List.of(GapPolicy.LINEAR, GapPolicy.SPLIT)) {
            List<SeriesWindows.MemberWindow> together = series.latestWindows(targets, 10, 10, policy);
            assertThat(together).hasSize(targets.size());
            for (int i = 0; i < targets.size(); i++) {
                SeriesWindows.MemberWindow many = together.get(i);
                try {
                    SeriesWindows.LatestWindow one = series.latestWindow(targets.get(i), 10, 10, policy);
                    assertThat(many.problem()).as(policy + " series " + i).isNull();
                    assertThat(many.window().values()).as(policy + " series " + i).containsExactly(one.values());
                    assertThat(many.window().first()).isEqualTo(one.first());
                    assertThat(many.window().last()).isEqualTo(one.last());
                    assertThat(many.window().series()).isEqualTo(one.series()).isEqualTo(aggregate(targets.get(i).id()));
                } catch (dev.tsforge.web.ApiProblemException problem) {
                    assertThat(many.problem()).as(policy + " series " + i).isNotNull();
                    assertThat(many.problem().getMessage()).isEqualTo(problem.getMessage());
                }
            }
            assertThat(together.get(0).problem()).isNull();
            assertThat(together.get(1).problem() == null).isEqualTo(policy == GapPolicy.LINEAR);
            assertThat(together.get(3).problem()).isNotNull();
            assertThat(together.get(4).problem()).isNotNull();
        }
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    private static int[] without(int[] hours, int hour) {
        return java.util.Arrays.stream(hours).filter(h -> h != hour).toArray();
    }

    private HttpResponse<String> upload(String collection, String csv, int status) throws Exception {
        HttpResponse<String> response = api.post("/api/v1/collections/" + collection + "/points", "text/csv", csv);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    private List<Long> memberIds(String collection) {
        return jdbc.sql("""
                SELECT s.id FROM series s JOIN series_collection c ON c.id = s.collection_id WHERE c.name = :name
                ORDER BY s.unique_id""")
                .param("name", collection)
                .query(Long.class)
                .list();
    }
}
