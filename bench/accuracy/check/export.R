# The check set of bench/accuracy (data/*.csv): 19 series from R's datasets package and the forecast package's
# data, exported on their grids as timestamp,value (a missing observation is an absent row). No default of the
# service was chosen on them: they check, after the fact, what the 24 public series of bench/accuracy/manifest.csv
# were used to choose. Rerun (Debian: apt-get install r-base-core r-cran-forecast):
#   Rscript bench/accuracy/check/export.R
# R's ts objects carry no calendar for DAX (EuStockMarkets: business days, holidays omitted) or for taylor and lh;
# their stamps here are consecutive business days from 1996-01-01, half-hours from Monday 2000-06-05 (taylor's
# source week start) and 10-minute steps, which is what the service's grids need.
suppressPackageStartupMessages(library(forecast))
out <- file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(), value = TRUE))), "data")
w <- function(name, stamps, values) {
  write.csv(data.frame(timestamp = stamps, value = values), file.path(out, paste0(name, ".csv")), row.names = FALSE, quote = FALSE, na = "")
}
ym <- function(y) { s <- tsp(y)[1]; f <- frequency(y); n <- length(y)
  t0 <- as.Date(sprintf("%d-%02d-01", floor(s + 1e-9), round((s - floor(s + 1e-9)) * f) * (12 / f) + 1))
  format(seq(t0, by = paste(12 / f, "months"), length.out = n), "%Y-%m-%dT00:00:00Z") }
yr <- function(y) sprintf("%d-01-01T00:00:00Z", as.integer(round(time(y))))
for (nm in c("Nile", "lynx", "LakeHuron")) { y <- get(nm); w(nm, yr(y), as.numeric(y)) }
for (nm in c("UKgas", "austres", "JohnsonJohnson", "AirPassengers", "co2", "USAccDeaths", "nottem", "UKDriverDeaths")) { y <- get(nm); w(nm, ym(y), as.numeric(y)) }
for (nm in c("woolyrnq", "wineind", "gas")) { y <- get(nm); w(nm, ym(y), as.numeric(y)) }
# taylor: half-hourly electricity demand, England and Wales, from Monday 5 June 2000
y <- taylor; w("taylor", format(seq(as.POSIXct("2000-06-05 00:00", tz = "UTC"), by = "30 min", length.out = length(y)), "%Y-%m-%dT%H:%M:%SZ"), as.numeric(y))
# DAX closes on consecutive business days (the source has no dates; holidays omitted), the last 500
d <- as.numeric(EuStockMarkets[, "DAX"]); d <- tail(d, 500)
days <- seq(as.Date("1996-01-01"), by = "day", length.out = 800); days <- days[!(format(days, "%u") %in% c("6", "7"))][1:500]
w("dax_business", format(days, "%Y-%m-%dT00:00:00Z"), d)
# airquality: daily ozone with 37 missing days, and temperature
a <- airquality; days <- format(seq(as.Date("1973-05-01"), by = "day", length.out = nrow(a)), "%Y-%m-%dT00:00:00Z")
o <- !is.na(a$Ozone); w("airquality_ozone", days[o], a$Ozone[o]); w("airquality_temp", days, a$Temp)
# lh: luteinizing hormone, 48 samples every 10 minutes
w("lh", format(seq(as.POSIXct("2000-01-01 00:00", tz = "UTC"), by = "10 min", length.out = 48), "%Y-%m-%dT%H:%M:%SZ"), as.numeric(lh))
