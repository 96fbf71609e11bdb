package dev.tsforge.charts;

import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** The two encodings of a chart: PNG for pages and mail, SVG where it should scale or be styled. */
public enum ChartFormat {
    PNG(MediaType.IMAGE_PNG, "png"),
    SVG(MediaType.parseMediaType("image/svg+xml"), "svg");

    private final MediaType mediaType;
    private final String extension;

    ChartFormat(MediaType mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /**
     * The format a request asks for: its path's extension ({@code .png}, {@code .svg}) wins, else its
     * {@code Accept} header. At equal quality a type named outright beats one reached through a wildcard (browsers
     * send {@code image/svg+xml,image/*}), and PNG is the answer to wildcards alone or no header.
     *
     * @throws ApiProblemException 406 when {@code Accept} admits neither
     */
    public static ChartFormat resolve(String path, String accept) {
        for (ChartFormat format : values()) {
            if (path != null && path.endsWith("." + format.extension)) {
                return format;
            }
        }
        if (accept == null || accept.isBlank()) {
            return PNG;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw notAcceptable(accept);
        }
        ChartFormat best = null;
        double bestScore = 0;
        for (ChartFormat format : values()) {
            double score = score(format.mediaType, accepted);
            if (score > bestScore) {
                best = format;
                bestScore = score;
            }
        }
        if (best == null) {
            throw notAcceptable(accept);
        }
        return best;
    }

    /** Quality of the best Accept entry that includes the type, plus a little when it names the type outright. */
    private static double score(MediaType type, List<MediaType> accepted) {
        double best = 0;
        for (MediaType range : accepted) {
            if (range.includes(type) && range.getQualityValue() > 0) {
                double exact = range.isWildcardType() || range.isWildcardSubtype() ? 0 : 0.0001;
                best = Math.max(best, range.getQualityValue() + exact);
            }
        }
        return best;
    }

    private static ApiProblemException notAcceptable(String accept) {
        return new ApiProblemException(ProblemType.NOT_ACCEPTABLE, "Charts are image/png or image/svg+xml; the "
                + "request accepts only " + accept + ". Ask for one of them, or add .png or .svg to the path.");
    }
}
