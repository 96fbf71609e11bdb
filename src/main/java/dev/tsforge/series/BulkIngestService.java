package dev.tsforge.series;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.BodyTooLargeException;
import dev.tsforge.web.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Long-format uploads into a collection: the body is read as a stream and written while it is read, all in one
 * transaction, so an upload is stored whole or not at all. Uploads into one collection run one at a time (its row
 * and its members' rows are locked); unknown {@code unique_id}s become members on the collection's grid.
 */
@Service
public class BulkIngestService {

    private final CollectionRepository collections;
    private final SeriesRepository series;
    private final PointRepository points;
    private final DataSource dataSource;
    private final JsonMapper json;
    private final TsforgeProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    BulkIngestService(CollectionRepository collections, SeriesRepository series, PointRepository points,
            DataSource dataSource, JsonMapper json, TsforgeProperties properties, Clock clock,
            ApplicationEventPublisher events) {
        this.collections = collections;
        this.series = series;
        this.points = points;
        this.dataSource = dataSource;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
    }

    /**
     * @throws ApiProblemException 400 {@code invalid-points} listing bad rows with line and series, {@code invalid-csv}
     *                             or {@code malformed-request} for a body that is not the format, 404 unknown
     *                             collection, 413 past the bulk limits
     */
    @Transactional
    public BulkIngestResult ingest(String collectionName, BulkFormat format, Charset charset, BulkColumns columns,
            InputStream body) {
        SeriesCollection collection = collections.findForUpdate(collectionName)
                .orElseThrow(() -> ApiProblemException.notFound("collection", collectionName));
        BulkMembers members = new BulkMembers(series.membersForUpdate(collection.id()),
                properties.limits().bulk().maxSeries());
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Instant now = clock.instant();
        BulkPointWriter.Stored stored;
        BulkUpload upload;
        try {
            BulkPointWriter writer = writerFor(connection);
            BulkPointWriter.Session session = writer.open(connection, members);
            upload = new BulkUpload(collection.frequency(), members, session, member -> {
                if (writer.needsSeriesIds()) {
                    members.created(member, series.insertMember(collection, members.uniqueId(member), now));
                }
            });
            try {
                reader(format, charset).read(body, columns, upload);
                upload.errors().throwIfAny(!upload.stopped());
                if (upload.received() == 0) {
                    throw new ApiProblemException(ProblemType.INVALID_POINTS, "The upload holds no points.",
                            Map.of("errorCount", 0));
                }
                session.endOfPoints();
            } catch (IOException | SQLException | RuntimeException e) {
                session.abort();
                throw e;
            }
            for (int member = 0; member < members.size(); member++) {
                if (members.seriesId(member) == 0) {
                    members.created(member, series.insertMember(collection, members.uniqueId(member), now));
                }
            }
            stored = session.finish();
        } catch (IOException e) {
            throw tooLarge(e);
        } catch (SQLException e) {
            throw new UncategorizedSQLException("bulk upload", null, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        int created = afterStore(collection, members, now, upload.first(), upload.last());
        return new BulkIngestResult(collection.name(), upload.received(), stored.inserted(), stored.updated(),
                members.size(), created, upload.first(), upload.last());
    }

    /**
     * Keeps each touched series' {@link PointStats}, {@code has_negative} and {@code updated_at}, as a single-series
     * ingest does, from what the upload learnt about its members: no stored point is read for the stats.
     */
    private int afterStore(SeriesCollection collection, BulkMembers members, Instant now, Instant first,
            Instant last) {
        List<SeriesRepository.AddedPoints> added = new ArrayList<>(members.size());
        List<Long> touched = new ArrayList<>(members.size());
        int created = 0;
        for (int member = 0; member < members.size(); member++) {
            long id = members.seriesId(member);
            touched.add(id);
            created += members.isNew(member) ? 1 : 0;
            if (members.anyStored(member)) {
                added.add(members.added(member));
            }
            if (members.negativeInUpload(member) && !members.storedNegative(member)) {
                series.setHasNegative(id, true);
            } else if (!members.negativeInUpload(member) && members.storedNegative(member) && !points.anyNegative(id)) {
                series.setHasNegative(id, false);
            }
        }
        series.addPoints(added, now);
        collections.touch(collection.id(), now);
        events.publishEvent(new SeriesEvents.PointsStored(touched, first, last));
        return created;
    }

    private static final BulkPointWriter POSTGRES = new PostgresBulkWriter();
    private static final BulkPointWriter JDBC = new JdbcBatchWriter();

    private static BulkPointWriter writerFor(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class) ? POSTGRES : JDBC;
    }

    private LongFormatReader reader(BulkFormat format, Charset charset) {
        return switch (format) {
            case CSV -> new LongCsvReader(charset);
            case JSON -> new LongJsonReader(json);
        };
    }

    /** A body that could not be read: past the bulk limit (413), or the client went away. */
    private RuntimeException tooLarge(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return new ApiProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The upload is larger than "
                        + tooLarge.maxBytes() + " bytes (tsforge.limits.bulk.max-bytes); nothing was stored. Split it "
                        + "into smaller uploads.", Map.of("maxBytes", tooLarge.maxBytes()));
            }
        }
        return new UncheckedIOException(e);
    }
}
