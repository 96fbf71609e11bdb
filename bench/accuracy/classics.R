# ETS and auto.arima from R's forecast package, for bench/accuracy: called by the benchmark once per series.
#   Rscript classics.R <training.csv> <frequency> <horizon> <level>
# training.csv: one column "value", the training part on its grid, NA where a point is missing (filled here by
# forecast::na.interp, as the Java baselines fill by linear interpolation). Prints CSV: method,step,mean,lower,upper.
# Install on Debian: apt-get install r-base-core r-cran-forecast
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
values <- read.csv(args[1])$value
frequency <- as.integer(args[2])
h <- as.integer(args[3])
level <- as.numeric(args[4])
y <- ts(values, frequency = frequency)
if (anyNA(y)) y <- na.interp(y)
fits <- list(ets = function() forecast(ets(y), h = h, level = level),
             auto_arima = function() forecast(auto.arima(y), h = h, level = level),
             thetaf = function() thetaf(y, h = h, level = level))
cat("method,step,mean,lower,upper\n")
for (name in names(fits)) {
  f <- tryCatch(fits[[name]](), error = function(e) NULL)
  if (is.null(f)) next
  for (i in seq_len(h)) {
    cat(sprintf("%s,%d,%.10g,%.10g,%.10g\n", name, i, f$mean[i], f$lower[i, 1], f$upper[i, 1]))
  }
}
