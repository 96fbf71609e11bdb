package dev.tsforge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestEntryTests {

    private static final List<String> MANIFEST = List.of(
            "# a comment, then the header",
            ManifestEntry.HEADER,
            "nhtemp,data/nhtemp.csv,P1Y,,false,1,6,yearly",
            "",
            "nyse,data/more/nyse.csv,P1W,FRIDAY,false,1,13,weekly",
            "djia,data/more/djia.csv,P1D,,true,5,14,daily");

    @Test
    void readsEveryFieldAndAnEmptyAnchorAsTheDefault() {
        List<ManifestEntry> entries = ManifestEntry.parse(MANIFEST);

        assertThat(entries).containsExactly(
                new ManifestEntry("nhtemp", "data/nhtemp.csv", "P1Y", null, false, 1, 6, "yearly"),
                new ManifestEntry("nyse", "data/more/nyse.csv", "P1W", "FRIDAY", false, 1, 13, "weekly"),
                new ManifestEntry("djia", "data/more/djia.csv", "P1D", null, true, 5, 14, "daily"));
    }

    @Test
    void refusesAWrongHeaderAMissingCellAndAnUnclearBoolean() {
        assertThatThrownBy(() -> ManifestEntry.parse(List.of("name,file,frequency", "a,b,P1Y")))
                .hasMessageContaining("header");
        assertThatThrownBy(() -> ManifestEntry.parse(List.of(ManifestEntry.HEADER, "a,a.csv,P1Y,,false,1,6")))
                .hasMessageContaining("8 cells");
        assertThatThrownBy(() -> ManifestEntry.parse(List.of(ManifestEntry.HEADER, "a,a.csv,P1D,,yes,5,14,daily")))
                .hasMessageContaining("businessDays");
        assertThatThrownBy(() -> ManifestEntry.parse(List.of(ManifestEntry.HEADER, "a,a.csv,P1Y,,false,1,6,yearly",
                "a,b.csv,P1Y,,false,1,6,yearly"))).hasMessageContaining("unique");
    }

    @Test
    void selectsNamedSeriesInTheManifestsOrderAndAllForNone() {
        List<ManifestEntry> entries = ManifestEntry.parse(MANIFEST);

        assertThat(ManifestEntry.select(entries, "djia, nhtemp")).extracting(ManifestEntry::name)
                .containsExactly("nhtemp", "djia");
        assertThat(ManifestEntry.select(entries, "")).hasSize(3);
        assertThatThrownBy(() -> ManifestEntry.select(entries, "nhtemp,nope")).hasMessageContaining("nope");
    }

    @Test
    void theCommittedManifestHasTwentyFourSeriesInSixGroupsEachOnItsGrid() throws Exception {
        List<ManifestEntry> entries = ManifestEntry.read(AccuracyBenchmark.MANIFEST);

        assertThat(entries).hasSize(24);
        assertThat(entries).extracting(ManifestEntry::group).containsOnly("yearly", "quarterly", "monthly", "weekly",
                "daily", "other");
        assertThat(entries.stream().filter(e -> e.group().equals("yearly")).count()).isEqualTo(7);
        Path folder = AccuracyBenchmark.MANIFEST.getParent();
        for (ManifestEntry entry : entries) {
            // load checks every row lies on the entry's grid
            BenchSeries series = BenchSeries.load(folder.resolve(entry.file()), entry);
            assertThat(series.holdout()).as(entry.name()).hasSize(entry.horizon());
            assertThat(Files.exists(folder.resolve(entry.file()))).isTrue();
        }
        ManifestEntry djia = ManifestEntry.select(entries, "djia_daily_2012").get(0);
        // 520 weekdays from 2011-01-04 to 2012-12-31, one row each: on a calendar grid its 208 weekend days would be gaps
        assertThat(BenchSeries.load(folder.resolve(djia.file()), djia).missing()).isZero();
        ManifestEntry nyse = ManifestEntry.select(entries, "nyse_weekly_friday").get(0);
        // 300 Friday closes over 311 weeks: the Fridays the exchange was closed are gaps
        BenchSeries weekly = BenchSeries.load(folder.resolve(nyse.file()), nyse);
        assertThat(weekly.missing()).isEqualTo(11);
        assertThat(weekly.lastTrainingTimestamp().atZone(ZoneOffset.UTC).getDayOfWeek())
                .isEqualTo(DayOfWeek.FRIDAY);
    }

    @Test
    void theCheckSetHasNineteenSeriesOnTheirGridsNoneOfThePublicSets() throws Exception {
        Path manifest = Path.of("bench/accuracy/check/manifest.csv");
        List<ManifestEntry> entries = ManifestEntry.read(manifest);

        assertThat(entries).hasSize(19);
        assertThat(entries).extracting(ManifestEntry::name).doesNotContainAnyElementsOf(
                ManifestEntry.read(AccuracyBenchmark.MANIFEST).stream().map(ManifestEntry::name).toList());
        for (ManifestEntry entry : entries) {
            BenchSeries series = BenchSeries.load(manifest.resolveSibling(entry.file()), entry);
            assertThat(series.holdout()).as(entry.name()).hasSize(entry.horizon());
        }
        ManifestEntry ozone = ManifestEntry.select(entries, "airquality_ozone").get(0);
        // 153 days from 1973-05-01, 37 of them without a reading: absent rows, so gaps on the grid
        assertThat(BenchSeries.load(manifest.resolveSibling(ozone.file()), ozone).missing()).isEqualTo(37);
        ManifestEntry dax = ManifestEntry.select(entries, "dax_business").get(0);
        assertThat(BenchSeries.load(manifest.resolveSibling(dax.file()), dax).missing()).as("business days").isZero();
    }
}
