# Writes the series with real and simulated drivers that bench/covariates compares with and without covariates
# (issue #24), one CSV per series in bench/covariates/data/: ds (first day of the month, UTC), y, then the drivers.
#   frozenjuice   AER::FrozenJuice, 1950-2000: the real price of frozen orange juice concentrate (price / ppi, x 100)
#                 driven by the freezing degree days in Orlando (fdd): frosts destroy the crop and raise the price.
#   seatbelts     datasets::Seatbelts, 1969-1984: drivers killed or seriously injured in Great Britain, with the petrol
#                 price and the seat-belt law of February 1983 (0 before, 1 after: a known-future step).
#   sim_linear    seeded: 60 + 3 x + a yearly cycle + AR(1) noise, x an AR(1) driver (known future, as a planned price
#                 or a weather forecast would be).
#   sim_pulse     seeded: a level of 100 with promotions (x = 1 in a random 15 % of months) adding 25, + AR(1) noise.
# Run: Rscript bench/covariates/data.R (needs r-cran-aer).
suppressPackageStartupMessages(library(AER))
dir <- "bench/covariates/data"
dir.create(dir, showWarnings = FALSE, recursive = TRUE)

months <- function(series) {
  t <- time(series)
  year <- floor(t + 1e-9)
  month <- round((t - year) * 12) + 1
  sprintf("%04d-%02d-01T00:00:00Z", year, month)
}

write <- function(name, y, drivers) {
  frame <- data.frame(ds = months(y), y = round(as.numeric(y), 6))
  for (d in names(drivers)) frame[[d]] <- round(as.numeric(drivers[[d]]), 6)
  write.csv(frame, file.path(dir, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
}

data("FrozenJuice", package = "AER")
write("frozenjuice", 100 * FrozenJuice[, "price"] / FrozenJuice[, "ppi"], list(fdd = FrozenJuice[, "fdd"]))

write("seatbelts", Seatbelts[, "DriversKilled"],
      list(petrol = Seatbelts[, "PetrolPrice"] * 100, law = Seatbelts[, "law"]))

set.seed(24)
n <- 240
x <- as.numeric(arima.sim(list(ar = 0.7), n, sd = 2))
noise <- as.numeric(arima.sim(list(ar = 0.5), n, sd = 1.5))
cycle <- 4 * sin(2 * pi * (seq_len(n) - 1) / 12)
write("sim_linear", ts(60 + 3 * x + cycle + noise, start = c(2000, 1), frequency = 12), list(x = x))

promo <- as.numeric(runif(n) < 0.15)
noise <- as.numeric(arima.sim(list(ar = 0.5), n, sd = 3))
write("sim_pulse", ts(100 + 25 * promo + noise, start = c(2000, 1), frequency = 12), list(promo = promo))
